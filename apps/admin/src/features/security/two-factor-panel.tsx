"use client";

import { useTRPC } from "@marquee/ui/trpc";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { QueryError } from "~/components/query-error.tsx";
import { mutationErrorMessage } from "../signup/mutation-error.ts";

/** Two-factor sign-in for the signed-in account: enrol (QR + code), recovery codes once, turn off. */
export function TwoFactorPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useQuery(trpc.twoFactor.status.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.twoFactor.status.queryKey() });
  const begin = useMutation(trpc.twoFactor.beginEnrolment.mutationOptions());
  const confirm = useMutation(trpc.twoFactor.confirmEnrolment.mutationOptions({ onSuccess: refresh }));
  const disable = useMutation(trpc.twoFactor.disable.mutationOptions({ onSuccess: refresh }));
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  if (status.isPending) return <p className="muted">Loading…</p>;
  if (status.isError) return <QueryError error={status.error} onRetry={() => void status.refetch()} />;

  if (recoveryCodes) {
    return (
      <section className="card stack" aria-labelledby="codes-heading">
        <h2 id="codes-heading">Two-factor sign-in is on</h2>
        <p>Keep these recovery codes somewhere safe. Each works once if you lose your phone. They are shown only now.</p>
        <ul className="recovery-codes" aria-label="Recovery codes">
          {recoveryCodes.map((code) => (
            <li key={code}>{code}</li>
          ))}
        </ul>
        <button type="button" className="button" onClick={() => setRecoveryCodes(null)}>
          I have saved them
        </button>
      </section>
    );
  }

  if (status.data.enabled) {
    const onDisable = (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      const code = String(new FormData(event.currentTarget).get("disable-code") ?? "");
      disable.mutate({ code });
    };
    return (
      <section className="card stack" aria-labelledby="twofactor-heading">
        <h2 id="twofactor-heading">Two-factor sign-in is on</h2>
        <p className="muted">{status.data.recoveryCodesLeft} recovery codes left.</p>
        <form className="stack" onSubmit={onDisable}>
          <div className="field">
            <label htmlFor="disable-code">Code from your app (to turn it off)</label>
            <input id="disable-code" name="disable-code" inputMode="numeric" autoComplete="one-time-code" required maxLength={20} />
          </div>
          <div role="alert" aria-live="assertive">
            {disable.isError ? <p className="alert">{mutationErrorMessage(disable.error)}</p> : null}
          </div>
          <button type="submit" className="button" disabled={disable.isPending || status.data.requiredBy.length > 0}>
            Turn off two-factor sign-in
          </button>
          {status.data.requiredBy.length > 0 ? (
            <p className="muted small">Required by {status.data.requiredBy.map((o) => o.organizationName).join(", ")}.</p>
          ) : null}
        </form>
      </section>
    );
  }

  const onConfirm = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("enrol-code") ?? "");
    confirm.mutate({ code }, { onSuccess: (data) => setRecoveryCodes(data.recoveryCodes) });
  };
  return (
    <section className="card stack" aria-labelledby="twofactor-heading">
      <h2 id="twofactor-heading">Two-factor sign-in is off</h2>
      {status.data.requiredBy.length > 0 ? (
        <p className="alert" role="alert">
          {status.data.requiredBy.map((o) => o.organizationName).join(", ")} requires two-factor sign-in for your role. Set it up to continue.
        </p>
      ) : null}
      {!begin.data ? (
        <button type="button" className="button button-primary" disabled={begin.isPending} onClick={() => begin.mutate()}>
          Set up two-factor sign-in
        </button>
      ) : (
        <form className="stack" onSubmit={onConfirm}>
          <p>Scan this code with an authenticator app, then enter the 6-digit code it shows.</p>
          {/* The SVG comes from our own API (the qrcode package), never from user input. */}
          <div className="qr-code" role="img" aria-label="QR code for your authenticator app" dangerouslySetInnerHTML={{ __html: begin.data.qrSvg }} />
          <p className="small">
            Or enter this key by hand: <code data-testid="totp-secret">{begin.data.secret}</code>
          </p>
          <div className="field">
            <label htmlFor="enrol-code">Code from your app</label>
            <input id="enrol-code" name="enrol-code" inputMode="numeric" autoComplete="one-time-code" required maxLength={6} />
          </div>
          <div role="alert" aria-live="assertive">
            {confirm.isError ? <p className="alert">{mutationErrorMessage(confirm.error)}</p> : null}
          </div>
          <button type="submit" className="button button-primary" disabled={confirm.isPending}>
            Turn on
          </button>
        </form>
      )}
      {begin.isError ? <p className="alert">{mutationErrorMessage(begin.error)}</p> : null}
    </section>
  );
}
