"use client";

import type { RouterOutputs } from "@marquee/api";
import { useTRPC } from "@marquee/ui/trpc";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { LOCALE_COOKIE, LOCALE_NAMES, SUPPORTED_LOCALES, isLocale } from "~/i18n/locales.ts";
import { useI18n } from "~/i18n/provider.tsx";

/** Name, language and marketing e-mails (account.updateProfile). */
export function ProfileForm() {
  const { m } = useI18n();
  const trpc = useTRPC();
  const me = useQuery(trpc.account.me.queryOptions());

  if (me.isPending)
    return (
      <p className="muted" role="status">
        {m.account.profileLoading}
      </p>
    );
  if (me.isError) {
    return (
      <div className="alert" role="alert">
        <p>{m.account.profileError}</p>
        <button type="button" className="button" onClick={() => void me.refetch()}>
          {m.common.tryAgain}
        </button>
      </div>
    );
  }
  return <ProfileFields key={me.data.id} profile={me.data} />;
}

function ProfileFields({ profile }: { profile: RouterOutputs["account"]["me"] }) {
  const { m, locale: siteLocale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const update = useMutation(trpc.account.updateProfile.mutationOptions());
  const [result, setResult] = useState<"saved" | "error" | "name" | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get("name") ?? "").trim();
    const locale = String(form.get("locale") ?? "");
    if (!name) return setResult("name");
    setResult(null);
    try {
      const saved = await update.mutateAsync({ name, locale: isLocale(locale) ? locale : undefined, marketingOptIn: form.get("marketingOptIn") === "on" });
      await queryClient.invalidateQueries({ queryKey: trpc.account.me.queryKey() });
      setResult("saved");
      if (isLocale(saved.locale) && saved.locale !== siteLocale) {
        // The site follows the account's language from now on (same cookie as the footer's switcher).
        document.cookie = `${LOCALE_COOKIE}=${saved.locale}; path=/; max-age=31536000; samesite=lax`;
        document.documentElement.lang = saved.locale;
        router.refresh();
      }
    } catch {
      setResult("error");
    }
  }

  return (
    <form className="stack account-profile" onSubmit={(event) => void onSubmit(event)}>
      <div className="field">
        <span className="account-label">{m.account.profileEmail}</span>
        <span className="account-readonly">{profile.email}</span>
      </div>
      <div className="field">
        <label htmlFor="profile-name">{m.account.nameLabel}</label>
        <input
          id="profile-name"
          name="name"
          type="text"
          autoComplete="name"
          required
          maxLength={120}
          defaultValue={profile.name ?? ""}
          aria-invalid={result === "name" || undefined}
          aria-describedby={result === "name" ? "profile-result" : undefined}
        />
      </div>
      <div className="field">
        <label htmlFor="profile-locale">{m.account.languageLabel}</label>
        <select id="profile-locale" name="locale" defaultValue={isLocale(profile.locale) ? profile.locale : siteLocale} aria-describedby="profile-locale-hint">
          {SUPPORTED_LOCALES.map((option) => (
            <option key={option} value={option} lang={option}>
              {LOCALE_NAMES[option]}
            </option>
          ))}
        </select>
        <p id="profile-locale-hint" className="muted small account-hint">
          {m.account.languageHint}
        </p>
      </div>
      <div className="account-checkbox">
        <input id="profile-marketing" name="marketingOptIn" type="checkbox" defaultChecked={profile.marketingOptIn} />
        <label htmlFor="profile-marketing">{m.account.marketingLabel}</label>
      </div>
      <div id="profile-result" aria-live="polite" role="status">
        {result === "saved" ? <p className="account-success">{m.account.saved}</p> : null}
        {result === "error" ? <p className="alert">{m.account.saveError}</p> : null}
        {result === "name" ? <p className="alert">{m.account.nameRequired}</p> : null}
      </div>
      <button type="submit" className="button button-primary" disabled={update.isPending}>
        {update.isPending ? m.account.saving : m.account.saveButton}
      </button>
    </form>
  );
}
