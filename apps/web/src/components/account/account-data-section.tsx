"use client";

import { appErrorOf } from "@marquee/ui/trpc/app-error";
import { useTRPC } from "@marquee/ui/trpc";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useI18n } from "~/i18n/provider.tsx";
import { forgetCart } from "~/lib/cart-store.ts";
import "~/styles/security.css";

/** "Your data": download everything as JSON, then (behind a confirmation) delete the account. */
export function AccountDataSection() {
  const { m } = useI18n();
  const trpc = useTRPC();
  const me = useQuery(trpc.account.me.queryOptions());
  return (
    <div className="stack">
      <DownloadMyData />
      {me.data ? <DeleteAccount email={me.data.email} hasPassword={me.data.hasPassword} /> : null}
      {me.isError ? <p className="alert">{m.account.profileError}</p> : null}
    </div>
  );
}

function DownloadMyData() {
  const { m } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [state, setState] = useState<"idle" | "pending" | "error">("idle");

  async function onClick() {
    setState("pending");
    try {
      const data = await queryClient.fetchQuery({ ...trpc.account.exportData.queryOptions(), staleTime: 0 });
      const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
      const link = document.createElement("a");
      link.href = url;
      link.download = `marquee-my-data-${new Date().toISOString().slice(0, 10)}.json`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setState("idle");
    } catch {
      setState("error");
    }
  }

  return (
    <div className="stack">
      <p className="muted">{m.security.downloadIntro}</p>
      <div role="status" aria-live="polite">
        {state === "error" ? <p className="alert">{m.security.downloadError}</p> : null}
      </div>
      <button type="button" className="button" onClick={() => void onClick()} disabled={state === "pending"}>
        {state === "pending" ? m.security.downloading : m.security.downloadButton}
      </button>
    </div>
  );
}

function DeleteAccount({ email, hasPassword }: { email: string; hasPassword: boolean }) {
  const { m } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const remove = useMutation(trpc.account.deleteAccount.mutationOptions());
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const confirmEmail = String(data.get("confirmEmail") ?? "").trim();
    if (confirmEmail.toLowerCase() !== email.toLowerCase()) return setError(m.security.errorConfirmEmail);
    setError(null);
    try {
      await remove.mutateAsync({ confirmEmail, ...(hasPassword ? { password: String(data.get("password") ?? "") } : {}) });
    } catch (failure) {
      const { code, details } = appErrorOf(failure);
      if (code === "PASSWORD_INCORRECT") setError(m.security.errorCurrentPassword);
      else if (code === "RATE_LIMITED") setError(m.security.errorRateLimited(Number(details?.retryAfterSeconds ?? 60)));
      else if (code === "CONFLICT" && Array.isArray(details?.organizations)) setError(m.security.errorSoleOwner(details.organizations.join(", ")));
      else if (code === "VALIDATION_ERROR") setError(m.security.errorConfirmEmail);
      else setError(m.security.errorGeneric);
      return;
    }
    // The account is gone and with it every session: drop this browser's cookie, cache and cart.
    await signOut({ redirect: false });
    queryClient.clear();
    forgetCart();
    router.replace("/account/deleted");
    router.refresh();
  }

  return (
    <div className="stack security-danger-zone">
      <h3 id="delete-account-heading">{m.security.deleteHeading}</h3>
      <p className="muted">{m.security.deleteIntro}</p>
      {open ? (
        <form className="stack" onSubmit={(event) => void onSubmit(event)} aria-labelledby="delete-account-heading">
          <div className="field">
            <label htmlFor="delete-confirm-email">{m.security.deleteConfirmLabel}</label>
            <input id="delete-confirm-email" name="confirmEmail" type="email" autoComplete="off" required maxLength={320} />
          </div>
          {hasPassword ? (
            <div className="field">
              <label htmlFor="delete-password">{m.security.deletePasswordLabel}</label>
              <input id="delete-password" name="password" type="password" autoComplete="current-password" required maxLength={200} />
            </div>
          ) : null}
          <div role="alert" aria-live="assertive">
            {error ? <p className="alert">{error}</p> : null}
          </div>
          <div className="security-actions">
            <button type="submit" className="button security-danger-solid" disabled={remove.isPending}>
              {remove.isPending ? m.security.deleting : m.security.deleteButton}
            </button>
            <button type="button" className="button" onClick={() => setOpen(false)} disabled={remove.isPending}>
              {m.security.cancel}
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className="button security-danger" onClick={() => setOpen(true)}>
          {m.security.deleteStart}
        </button>
      )}
    </div>
  );
}
