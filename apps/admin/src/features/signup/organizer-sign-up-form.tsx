"use client";

import { useTRPC } from "@marquee/ui/trpc";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { mutationErrorMessage } from "./mutation-error.ts";

const CURRENCIES = ["EUR", "GBP", "USD", "CHF"] as const;

/** The organiser sign-up: the account and its organisation; then "check your inbox" (the same for any address). */
export function OrganizerSignUpForm() {
  const trpc = useTRPC();
  const signUp = useMutation(trpc.organizerSignUp.signUp.mutationOptions());
  const [sentTo, setSentTo] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "");
    signUp.mutate(
      {
        name: String(form.get("name") ?? ""),
        email,
        password: String(form.get("password") ?? ""),
        organizationName: String(form.get("organizationName") ?? ""),
        country: String(form.get("country") ?? "DE").toUpperCase(),
        currency: String(form.get("currency") ?? "EUR") as (typeof CURRENCIES)[number],
      },
      { onSuccess: () => setSentTo(email) },
    );
  }

  if (sentTo) {
    return (
      <div role="status" className="stack">
        <h2>Check your inbox</h2>
        <p>
          We sent a confirmation link to <strong>{sentTo}</strong>. Open it to confirm your address and open the console. If the address already has an account,
          the e-mail tells you how to sign in instead.
        </p>
      </div>
    );
  }

  return (
    <form className="stack" onSubmit={onSubmit}>
      <div className="field">
        <label htmlFor="name">Your name</label>
        <input id="name" name="name" autoComplete="name" required maxLength={120} />
      </div>
      <div className="field">
        <label htmlFor="email">E-mail</label>
        <input id="email" name="email" type="email" autoComplete="email" required maxLength={320} />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          maxLength={200}
          aria-describedby="password-hint"
        />
        <p id="password-hint" className="muted small">
          At least 10 characters.
        </p>
      </div>
      <div className="field">
        <label htmlFor="organizationName">Organisation name</label>
        <input id="organizationName" name="organizationName" autoComplete="organization" required minLength={2} maxLength={120} />
      </div>
      <div className="field">
        <label htmlFor="country">Country (two letters)</label>
        <input id="country" name="country" autoComplete="country" required pattern="[A-Za-z]{2}" maxLength={2} defaultValue="DE" />
      </div>
      <div className="field">
        <label htmlFor="currency">Currency</label>
        <select id="currency" name="currency" defaultValue="EUR">
          {CURRENCIES.map((currency) => (
            <option key={currency}>{currency}</option>
          ))}
        </select>
      </div>
      <div role="alert" aria-live="assertive">
        {signUp.isError ? <p className="alert">{mutationErrorMessage(signUp.error)}</p> : null}
      </div>
      <button type="submit" className="button button-primary" disabled={signUp.isPending}>
        {signUp.isPending ? "Creating your account…" : "Create my organiser account"}
      </button>
    </form>
  );
}
