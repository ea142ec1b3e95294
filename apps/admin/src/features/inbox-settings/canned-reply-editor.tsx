"use client";

import type { AdminRouterOutputs } from "@marquee/api";
import { CANNED_REPLY_VARIABLE_HELP, CANNED_REPLY_VARIABLES } from "@marquee/api/services/inbox/inbox-tools-schemas";
import { useTRPC } from "@marquee/ui/trpc";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Field, FormError, fieldError } from "../events/form-kit.tsx";

export type TCannedReplyRow = AdminRouterOutputs["inboxTools"]["cannedReplies"]["list"][number];

const FIELDS = ["shortcut", "title", "body"];

/** Creates a canned reply (no `reply`) or edits one; the variables it may use are listed beside the text. */
export function CannedReplyEditor({
  organizationId,
  reply,
  onDone,
}: {
  organizationId: string;
  reply: TCannedReplyRow | null;
  onDone: (message: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [body, setBody] = useState(reply?.body ?? "");
  const save = useMutation(
    trpc.inboxTools.cannedReplies.save.mutationOptions({
      onSuccess: async (saved) => {
        await queryClient.invalidateQueries({ queryKey: trpc.inboxTools.cannedReplies.list.queryKey() });
        onDone(reply ? `/${saved.shortcut} saved.` : `/${saved.shortcut} created.`);
      },
    }),
  );
  const prefix = reply ? `edit-${reply.id}` : "new-reply";

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    save.mutate({
      organizationId,
      ...(reply ? { id: reply.id } : {}),
      shortcut: String(form.get("shortcut") ?? "").replace(/^\//, ""),
      title: String(form.get("title") ?? ""),
      body,
    });
  }
  const insert = (variable: string) => setBody((text) => `${text}{{${variable}}}`);

  return (
    <form className="stack" onSubmit={onSubmit} aria-label={reply ? `Edit /${reply.shortcut}` : "New canned reply"}>
      <Field
        id={`${prefix}-shortcut`}
        label="Shortcut"
        hint="Typed as /shortcut in a reply: lower-case letters, digits and -."
        error={fieldError(save.error, "shortcut")}
      >
        <input
          id={`${prefix}-shortcut`}
          name="shortcut"
          required
          maxLength={41}
          autoComplete="off"
          spellCheck={false}
          defaultValue={reply?.shortcut ?? ""}
          aria-describedby={`${prefix}-shortcut-hint`}
        />
      </Field>
      <Field id={`${prefix}-title`} label="Title" error={fieldError(save.error, "title")}>
        <input id={`${prefix}-title`} name="title" required maxLength={120} defaultValue={reply?.title ?? ""} />
      </Field>
      <Field id={`${prefix}-body`} label="Text" error={fieldError(save.error, "body")}>
        <textarea
          id={`${prefix}-body`}
          name="body"
          required
          rows={6}
          maxLength={10_000}
          value={body}
          onChange={(event) => setBody(event.target.value)}
          aria-describedby={`${prefix}-variables`}
        />
      </Field>
      <div id={`${prefix}-variables`} className="small">
        <p className="muted">Variables, filled in for each conversation (a missing value stays empty; a misspelt one stays visible):</p>
        <ul className="plain-list">
          {CANNED_REPLY_VARIABLES.map((variable) => (
            <li key={variable}>
              <button type="button" className="button touch-target" onClick={() => insert(variable)} aria-label={`Insert {{${variable}}}`}>
                <code>{`{{${variable}}}`}</code>
              </button>{" "}
              <span className="muted">{CANNED_REPLY_VARIABLE_HELP[variable]}</span>
            </li>
          ))}
        </ul>
      </div>
      <FormError error={save.error} fields={FIELDS} />
      <div className="actions-row">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? "Saving…" : reply ? "Save canned reply" : "Create canned reply"}
        </button>
        {reply ? (
          <button type="button" className="button" onClick={() => onDone("")}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
