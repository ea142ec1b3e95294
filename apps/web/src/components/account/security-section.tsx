"use client";

import { useTRPC } from "@marquee/ui/trpc";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { signIn, signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useI18n } from "~/i18n/provider.tsx";
import { forgetCart } from "~/lib/cart-store.ts";
import { ChangePasswordForm } from "~/components/account/change-password-form.tsx";

/** A password for a link-only account (account.setPassword), and "sign out everywhere". */
export function SecuritySection() {
  const { m } = useI18n();
  const trpc = useTRPC();
  const me = useQuery(trpc.account.me.queryOptions());
  return (
    <div className="stack">
      {me.data ? me.data.hasPassword ? <ChangePasswordForm email={me.data.email} /> : <SetPasswordForm email={me.data.email} /> : null}
      <SignOutEverywhere />
      {me.isError ? <p className="alert">{m.account.profileError}</p> : null}
    </div>
  );
}

function SetPasswordForm({ email }: { email: string }) {
  const { m } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const setPassword = useMutation(trpc.account.setPassword.mutationOptions());
  const [result, setResult] = useState<"set" | "short" | "long" | "error" | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get("password") ?? "");
    if (password.length < 10) return setResult("short");
    if (password.length > 200) return setResult("long");
    setResult(null);
    try {
      await setPassword.mutateAsync({ password });
      // Setting a password ends every session, this one too: sign straight back in with it.
      const signedIn = await signIn("credentials", { email, password, redirect: false });
      if (!signedIn?.ok || signedIn.error) throw new Error(signedIn?.error ?? "sign-in failed");
      await queryClient.invalidateQueries({ queryKey: trpc.account.me.queryKey() });
      setResult("set");
    } catch {
      setResult("error");
    }
  }

  const message = {
    set: m.account.passwordSet,
    short: m.account.errorPasswordTooShort,
    long: m.account.errorPasswordTooLong,
    error: m.account.setPasswordError,
  };
  return (
    <form className="stack" onSubmit={(event) => void onSubmit(event)}>
      <p className="muted">{m.account.setPasswordIntro}</p>
      <div className="field">
        <label htmlFor="set-password">{m.account.newPasswordLabel}</label>
        <input
          id="set-password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          maxLength={200}
          aria-describedby="set-password-hint set-password-result"
          aria-invalid={result === "short" || result === "long" || undefined}
        />
        <p id="set-password-hint" className="muted small account-hint">
          {m.account.passwordHint}
        </p>
      </div>
      <div id="set-password-result" aria-live="polite" role="status">
        {result ? <p className={result === "set" ? "account-success" : "alert"}>{message[result]}</p> : null}
      </div>
      <button type="submit" className="button" disabled={setPassword.isPending}>
        {setPassword.isPending ? m.account.settingPassword : m.account.setPasswordButton}
      </button>
    </form>
  );
}

function SignOutEverywhere() {
  const { m } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const signOutEverywhere = useMutation(trpc.account.signOutEverywhere.mutationOptions());
  const [failed, setFailed] = useState(false);

  async function onClick() {
    setFailed(false);
    try {
      await signOutEverywhere.mutateAsync();
    } catch {
      return setFailed(true);
    }
    // This browser's cookie is already worthless; drop it, the cached account data and the cart.
    await signOut({ redirect: false });
    queryClient.clear();
    forgetCart();
    router.push("/signin");
    router.refresh();
  }

  return (
    <div className="stack">
      <p className="muted">{m.account.signOutEverywhereIntro}</p>
      <div aria-live="polite" role="status">
        {failed ? <p className="alert">{m.account.signOutEverywhereError}</p> : null}
      </div>
      <button type="button" className="button" onClick={() => void onClick()} disabled={signOutEverywhere.isPending}>
        {signOutEverywhere.isPending ? m.account.signingOutEverywhere : m.account.signOutEverywhereButton}
      </button>
    </div>
  );
}
