"use client";

import { useTRPC } from "@marquee/ui/trpc";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { QueryError } from "~/components/query-error.tsx";
import { mutationErrorMessage } from "../signup/mutation-error.ts";

const POLICIES = [
  { value: "OFF", label: "Not required" },
  { value: "OWNERS", label: "Required for owners" },
  { value: "OWNERS_AND_ADMINS", label: "Required for owners and admins" },
] as const;

/** Name, invoice details and the two-factor requirement of the organisation. */
export function OrganizationSettingsForm({ organizationId }: { organizationId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.organizationSettings.get.queryOptions({ organizationId }));
  const [saved, setSaved] = useState(false);
  const update = useMutation(
    trpc.organizationSettings.update.mutationOptions({
      onSuccess: (data) => {
        queryClient.setQueryData(trpc.organizationSettings.get.queryKey({ organizationId }), data);
        setSaved(true);
      },
    }),
  );
  if (settings.isPending) return <p className="muted">Loading settings…</p>;
  if (settings.isError) return <QueryError error={settings.error} onRetry={() => void settings.refetch()} />;
  const current = settings.data;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "");
    update.mutate({
      organizationId,
      name: text("name"),
      legalName: text("legalName"),
      address: text("address"),
      taxId: text("taxId"),
      supportEmail: text("supportEmail"),
      twoFactorPolicy: text("twoFactorPolicy") as (typeof POLICIES)[number]["value"],
    });
  }

  return (
    <form className="card stack" onSubmit={onSubmit}>
      <div className="field">
        <label htmlFor="name">Organisation name</label>
        <input id="name" name="name" required minLength={2} maxLength={120} defaultValue={current.name} />
      </div>
      <div className="field">
        <label htmlFor="legalName">Legal name (on invoices)</label>
        <input id="legalName" name="legalName" maxLength={200} defaultValue={current.legalName ?? ""} />
      </div>
      <div className="field">
        <label htmlFor="address">Address (on invoices)</label>
        <textarea id="address" name="address" rows={3} maxLength={500} defaultValue={current.address ?? ""} />
      </div>
      <div className="field">
        <label htmlFor="taxId">VAT / tax id</label>
        <input id="taxId" name="taxId" maxLength={40} defaultValue={current.taxId ?? ""} />
      </div>
      <div className="field">
        <label htmlFor="supportEmail">Support e-mail</label>
        <input id="supportEmail" name="supportEmail" type="email" maxLength={320} defaultValue={current.supportEmail ?? ""} />
      </div>
      <p className="muted small">
        Country {current.country} · currency {current.currency}
      </p>
      <div className="field">
        <label htmlFor="twoFactorPolicy">Two-factor sign-in</label>
        <select id="twoFactorPolicy" name="twoFactorPolicy" defaultValue={current.twoFactorPolicy} aria-describedby="policy-hint">
          {POLICIES.map((policy) => (
            <option key={policy.value} value={policy.value}>
              {policy.label}
            </option>
          ))}
        </select>
        <p id="policy-hint" className="muted small">
          When required, those members are sent to enrol before any page of this organisation opens.
        </p>
      </div>
      <div role="status" aria-live="polite">
        {saved ? <p className="small">Settings saved.</p> : null}
      </div>
      <div role="alert" aria-live="assertive">
        {update.isError ? <p className="alert">{mutationErrorMessage(update.error)}</p> : null}
      </div>
      <button type="submit" className="button button-primary" disabled={update.isPending}>
        {update.isPending ? "Saving…" : "Save settings"}
      </button>
    </form>
  );
}
