"use client";

import { useTRPC } from "@marquee/ui/trpc";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { EventCheckboxes } from "./event-checkboxes.tsx";
import { SecretReveal } from "./secret-reveal.tsx";
import type { TWebhookEventType } from "./webhook-labels.ts";

/** Registers an endpoint; its signing secret is shown here once. */
export function CreateWebhookForm({ organizationId }: { organizationId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [secret, setSecret] = useState<string | null>(null);
  const create = useMutation(
    trpc.webhook.create.mutationOptions({
      onSuccess: async (result) => {
        setSecret(result.secret);
        await queryClient.invalidateQueries({ queryKey: trpc.webhook.list.queryKey() });
      },
    }),
  );
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    create.mutate(
      {
        organizationId,
        url: String(form.get("url") ?? ""),
        description: String(form.get("description") ?? ""),
        events: form.getAll("events").map(String) as TWebhookEventType[],
      },
      { onSuccess: () => formElement.reset() },
    );
  };
  return (
    <section className="card stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>New endpoint</h2>
      {secret && <SecretReveal id={`${id}-secret`} secret={secret} note="Receivers check each delivery's Marquee-Signature header with it." />}
      <form className="stack" onSubmit={submit} data-testid="webhook-create-form">
        <div className="field">
          <label htmlFor={`${id}-url`}>Endpoint URL</label>
          <input id={`${id}-url`} name="url" type="url" required maxLength={2000} placeholder="https://example.com/marquee-webhooks" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-description`}>Description (optional)</label>
          <input id={`${id}-description`} name="description" maxLength={200} placeholder="e.g. CRM sync" />
        </div>
        <EventCheckboxes idPrefix={`${id}-event`} selected={["order.paid"]} />
        <div>
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            Add endpoint
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
