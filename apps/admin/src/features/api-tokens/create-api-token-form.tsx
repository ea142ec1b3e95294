"use client";

import { CopyButton } from "@marquee/ui/copy-button";
import { useTRPC } from "@marquee/ui/trpc";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { ROLE_LABEL } from "~/lib/labels.ts";

const TOKEN_ROLES = ["ADMIN", "BOX_OFFICE", "SUPPORT_AGENT", "DOOR_STAFF"] as const;

/** Creates a token; its secret is shown here once, with a copy button and a warning. */
export function CreateApiTokenForm({ organizationId }: { organizationId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [created, setCreated] = useState<{ token: string; name: string } | null>(null);
  const create = useMutation(
    trpc.apiToken.create.mutationOptions({
      onSuccess: async ({ token, apiToken }) => {
        setCreated({ token, name: apiToken.name });
        await queryClient.invalidateQueries({ queryKey: trpc.apiToken.list.queryKey() });
      },
    }),
  );

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const expires = String(form.get("expiresAt") ?? "");
    create.mutate({
      organizationId,
      name: String(form.get("name") ?? ""),
      role: form.get("role") as (typeof TOKEN_ROLES)[number],
      // The end of the chosen day, in the organiser's time zone.
      expiresAt: expires ? new Date(`${expires}T23:59:59`) : undefined,
    });
    event.currentTarget.reset();
  };

  return (
    <section className="card stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>New token</h2>
      {created && (
        <div className="token-reveal" role="region" aria-label="New API token">
          <p>
            <strong>Copy the token “{created.name}” now: it will not be shown again.</strong> Anyone holding it can act for this organisation with its role;
            keep it in a secret store, never in code.
          </p>
          <label htmlFor={`${id}-secret`}>Token</label>
          <input id={`${id}-secret`} className="token-secret" readOnly value={created.token} onFocus={(event) => event.currentTarget.select()} />
          <CopyButton text={created.token} label="Copy token" />
        </div>
      )}
      <form className="token-form" onSubmit={submit}>
        <div className="field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input id={`${id}-name`} name="name" required maxLength={80} placeholder="e.g. Box office sync" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-role`}>Role</label>
          <select id={`${id}-role`} name="role" defaultValue="BOX_OFFICE">
            {TOKEN_ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABEL[role]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-expires`}>Expires (optional)</label>
          <input id={`${id}-expires`} name="expiresAt" type="date" />
        </div>
        <div>
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            Create token
          </button>
        </div>
      </form>
      {create.isError && (
        <p className="alert" role="alert">
          {create.error.message}
        </p>
      )}
    </section>
  );
}
