"use client";

import { useTRPC } from "@marquee/ui/trpc";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { QueryError } from "~/components/query-error.tsx";
import { Field, FormError, fieldError, intOf, textOf } from "../events/form-kit.tsx";

const FIELDS = ["firstResponseMinutes", "nextResponseMinutes", "autoAssign", "maxOpenPerAgent", "autoSolvePendingDays", "inboundLocalPart"];

/** SLA targets, automatic assignment with its cap, auto-solve, and the support address; read-only without organization.manage. */
export function SupportSettingsForm({ organizationId, canManage }: { organizationId: string; canManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.inboxTools.settings.get.queryOptions({ organizationId }));
  const [saved, setSaved] = useState(false);
  const [localPart, setLocalPart] = useState<string | null>(null);
  const update = useMutation(
    trpc.inboxTools.settings.update.mutationOptions({
      onSuccess: (data) => {
        queryClient.setQueryData(trpc.inboxTools.settings.get.queryKey({ organizationId }), data);
        setLocalPart(null);
        setSaved(true);
      },
    }),
  );
  if (settings.isPending) return <p className="muted">Loading the inbox settings…</p>;
  if (settings.isError) return <QueryError error={settings.error} onRetry={() => void settings.refetch()} />;
  const current = settings.data;
  const shownLocalPart = localPart ?? current.inboundLocalPart ?? "";

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const form = new FormData(event.currentTarget);
    update.mutate({
      organizationId,
      firstResponseMinutes: intOf(form.get("firstResponseMinutes")),
      nextResponseMinutes: intOf(form.get("nextResponseMinutes")),
      autoAssign: form.get("autoAssign") === "on",
      maxOpenPerAgent: intOf(form.get("maxOpenPerAgent")) ?? 25,
      autoSolvePendingDays: intOf(form.get("autoSolvePendingDays")),
      inboundLocalPart: textOf(form.get("inboundLocalPart")).trim() || null,
    });
  }

  const error = update.error;
  return (
    <form className="card stack" onSubmit={onSubmit} aria-labelledby="inbox-settings-heading">
      <h2 id="inbox-settings-heading">Response targets and assignment</h2>
      {canManage ? null : <p className="muted small">Only owners and admins change these settings.</p>}
      <fieldset className="stack" disabled={!canManage}>
        <legend className="visually-hidden">Inbox settings</legend>
        <Field
          id="firstResponseMinutes"
          label="First response within (minutes)"
          hint="Empty: no target. The badge turns amber in the last quarter, red when missed."
          error={fieldError(error, "firstResponseMinutes")}
        >
          <input id="firstResponseMinutes" name="firstResponseMinutes" type="number" min={5} max={10080} defaultValue={current.firstResponseMinutes ?? ""} />
        </Field>
        <Field id="nextResponseMinutes" label="Next response within (minutes)" hint="Empty: no target." error={fieldError(error, "nextResponseMinutes")}>
          <input id="nextResponseMinutes" name="nextResponseMinutes" type="number" min={5} max={10080} defaultValue={current.nextResponseMinutes ?? ""} />
        </Field>
        <label className="check">
          <input type="checkbox" name="autoAssign" defaultChecked={current.autoAssign} />
          Assign new conversations automatically (round-robin among available agents)
        </label>
        <Field id="maxOpenPerAgent" label="At most this many open conversations per agent" error={fieldError(error, "maxOpenPerAgent")}>
          <input id="maxOpenPerAgent" name="maxOpenPerAgent" type="number" required min={1} max={500} defaultValue={current.maxOpenPerAgent} />
        </Field>
        <Field
          id="autoSolvePendingDays"
          label="Solve conversations waiting on the buyer after (days)"
          hint="Empty: never."
          error={fieldError(error, "autoSolvePendingDays")}
        >
          <input id="autoSolvePendingDays" name="autoSolvePendingDays" type="number" min={1} max={90} defaultValue={current.autoSolvePendingDays ?? ""} />
        </Field>
        <Field
          id="inboundLocalPart"
          label="Support address"
          hint={`Mail to this address becomes a conversation. Letters, digits, dots and dashes; @${current.inboundDomain} is added.`}
          error={fieldError(error, "inboundLocalPart")}
        >
          <input
            id="inboundLocalPart"
            name="inboundLocalPart"
            maxLength={63}
            autoComplete="off"
            spellCheck={false}
            value={shownLocalPart}
            onChange={(event) => setLocalPart(event.target.value)}
            aria-describedby="inboundLocalPart-hint support-address"
          />
        </Field>
        <p id="support-address" className="small break-all">
          {shownLocalPart.trim() ? (
            <>
              Support address: <strong>{`${shownLocalPart.trim().toLowerCase()}@${current.inboundDomain}`}</strong>
            </>
          ) : (
            "No support address yet."
          )}
        </p>
      </fieldset>
      <div role="status" aria-live="polite">
        {saved ? <p className="small">Inbox settings saved.</p> : null}
      </div>
      <FormError error={error} fields={FIELDS} />
      {canManage ? (
        <button type="submit" className="button button-primary" disabled={update.isPending}>
          {update.isPending ? "Saving…" : "Save inbox settings"}
        </button>
      ) : null}
    </form>
  );
}
