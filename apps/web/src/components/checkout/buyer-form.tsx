"use client";

import { useTRPC } from "@marquee/ui/trpc";
import { useQuery } from "@tanstack/react-query";
import { useSession } from "next-auth/react";
import Link from "next/link";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useI18n } from "~/i18n/provider.tsx";
import type { TCheckoutRequest } from "./checkout-session.ts";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface TBuyerFormProps {
  holdId: string;
  /** What this browser sent last time for this hold (a reload), to fill the form again. */
  initial: TCheckoutRequest | null;
  submitting: boolean;
  /** A refused checkout, already translated; shown above the button (or at the voucher field). */
  error: { message: string; field: "voucher" | null } | null;
  disabled: boolean;
  onSubmit(request: TCheckoutRequest): void;
}

/** Name, e-mail and an optional voucher; signed-in buyers get their account's name and e-mail. */
export function BuyerForm({ holdId, initial, submitting, error, disabled, onSubmit }: TBuyerFormProps) {
  const { m } = useI18n();
  const trpc = useTRPC();
  const { status } = useSession();
  const me = useQuery(trpc.account.me.queryOptions(undefined, { enabled: status === "authenticated" }));
  const [name, setName] = useState(initial?.buyer.name ?? "");
  const [email, setEmail] = useState(initial?.buyer.email ?? "");
  const [voucher, setVoucher] = useState(initial?.voucherCode ?? "");
  const [showErrors, setShowErrors] = useState(false);
  const prefilled = useRef(false);
  const ids = useId();
  const nameRef = useRef<HTMLInputElement>(null);
  const emailRef = useRef<HTMLInputElement>(null);

  // Prefill once from the account; never overwrite what the buyer typed.
  useEffect(() => {
    if (prefilled.current || !me.data) return;
    prefilled.current = true;
    setName((current) => current || me.data.name || "");
    setEmail((current) => current || me.data.email);
  }, [me.data]);

  const nameError = name.trim() === "" ? m.checkout.nameRequired : null;
  const emailError = EMAIL.test(email.trim()) ? null : m.checkout.emailInvalid;
  const voucherError = error?.field === "voucher" ? error.message : null;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting || disabled) return;
    if (nameError || emailError) {
      setShowErrors(true);
      (nameError ? nameRef : emailRef).current?.focus();
      return;
    }
    const voucherCode = voucher.trim();
    onSubmit({ buyer: { name: name.trim(), email: email.trim() }, ...(voucherCode ? { voucherCode } : {}) });
  }

  const describedBy = (...parts: (string | false | null)[]) => parts.filter(Boolean).join(" ") || undefined;

  return (
    <section className="card" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`}>{m.checkout.detailsHeading}</h2>
      {status === "authenticated" ? (
        <p className="muted small">{m.checkout.signedInNote}</p>
      ) : status === "unauthenticated" ? (
        <p className="muted small">
          {m.checkout.guestNote} <Link href={`/signin?callbackUrl=${encodeURIComponent(`/checkout/${holdId}`)}`}>{m.checkout.signInInstead}</Link>
        </p>
      ) : null}
      <form className="stack" noValidate onSubmit={submit} aria-busy={submitting}>
        <div className="field">
          <label htmlFor={`${ids}-name`}>{m.checkout.nameLabel}</label>
          <input
            ref={nameRef}
            id={`${ids}-name`}
            name="name"
            autoComplete="name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            aria-invalid={showErrors && nameError ? true : undefined}
            aria-describedby={describedBy(showErrors && nameError && `${ids}-name-error`)}
            required
          />
          {showErrors && nameError ? (
            <p id={`${ids}-name-error`} className="field-error">
              {nameError}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={`${ids}-email`}>{m.checkout.emailLabel}</label>
          <input
            ref={emailRef}
            id={`${ids}-email`}
            name="email"
            type="email"
            autoComplete="email"
            inputMode="email"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            aria-invalid={showErrors && emailError ? true : undefined}
            aria-describedby={describedBy(`${ids}-email-hint`, showErrors && emailError && `${ids}-email-error`)}
            required
          />
          <p id={`${ids}-email-hint`} className="muted small field-hint">
            {m.checkout.emailHint}
          </p>
          {showErrors && emailError ? (
            <p id={`${ids}-email-error`} className="field-error">
              {emailError}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={`${ids}-voucher`}>{m.checkout.voucherLabel}</label>
          <input
            id={`${ids}-voucher`}
            name="voucher"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            value={voucher}
            onChange={(event) => setVoucher(event.target.value)}
            aria-invalid={voucherError ? true : undefined}
            aria-describedby={describedBy(voucherError && `${ids}-voucher-error`)}
          />
          {voucherError ? (
            <p id={`${ids}-voucher-error`} className="field-error" role="alert">
              {voucherError}
            </p>
          ) : null}
        </div>
        {error && error.field === null ? (
          <p className="alert" role="alert">
            {error.message}
          </p>
        ) : null}
        <button type="submit" className="button button-primary" disabled={submitting || disabled}>
          {submitting ? m.checkout.submitting : m.checkout.continueToPayment}
        </button>
      </form>
    </section>
  );
}
