"use client";

import { useTRPC } from "@marquee/ui/trpc";
import { appErrorOf, refusedOriginMessage } from "@marquee/ui/trpc/app-error";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useI18n } from "~/i18n/provider.tsx";

/** "Find my order": e-mail + reference; the answer never says whether an order matched. */
export function FindOrderForm() {
  const { m, locale } = useI18n();
  const trpc = useTRPC();
  const ids = useId();
  const [email, setEmail] = useState("");
  const [reference, setReference] = useState("");
  const request = useMutation(trpc.order.requestLink.mutationOptions());
  const sentRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (request.isSuccess) sentRef.current?.focus();
  }, [request.isSuccess]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    request.mutate({ email: email.trim(), reference: reference.trim(), locale });
  }

  if (request.isSuccess) {
    return (
      <section className="card find-order-sent" aria-labelledby={`${ids}-sent`}>
        <h2 id={`${ids}-sent`} ref={sentRef} tabIndex={-1}>
          {m.orderAccess.sentHeading}
        </h2>
        <p role="status">{m.orderAccess.sent(request.variables.email)}</p>
        <button type="button" className="button" onClick={() => request.reset()}>
          {m.orderAccess.again}
        </button>
      </section>
    );
  }

  const code = request.isError ? appErrorOf(request.error).code : null;
  const error =
    code === "RATE_LIMITED"
      ? m.orderAccess.errorRateLimited
      : code === "VALIDATION_ERROR"
        ? m.orderAccess.errorValidation
        : code === "CSRF_REJECTED"
          ? (refusedOriginMessage(request.error) ?? m.orderAccess.errorGeneric)
          : m.orderAccess.errorGeneric;
  return (
    <form className="card find-order-form" onSubmit={onSubmit} aria-label={m.orderAccess.findTitle}>
      <div className="field">
        <label htmlFor={`${ids}-email`}>{m.orderAccess.emailLabel}</label>
        <input
          id={`${ids}-email`}
          name="email"
          type="email"
          autoComplete="email"
          required
          maxLength={254}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${ids}-reference`}>{m.orderAccess.referenceLabel}</label>
        <input
          id={`${ids}-reference`}
          name="reference"
          required
          minLength={3}
          maxLength={40}
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
          aria-describedby={`${ids}-reference-hint`}
          value={reference}
          onChange={(e) => setReference(e.target.value)}
        />
        <p id={`${ids}-reference-hint`} className="muted small">
          {m.orderAccess.referenceHint}
        </p>
      </div>
      {request.isError ? (
        <p className="alert" role="alert">
          {error}
        </p>
      ) : null}
      <div>
        <button type="submit" className="button button-primary" disabled={request.isPending}>
          {request.isPending ? m.orderAccess.sending : m.orderAccess.send}
        </button>
      </div>
    </form>
  );
}
