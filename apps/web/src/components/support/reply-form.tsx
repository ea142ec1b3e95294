"use client";

import { useTRPC } from "@marquee/ui/trpc";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { supportErrorMessage } from "~/components/support/support-error.ts";
import { useI18n } from "~/i18n/provider.tsx";

/** The buyer's next message; the thread refreshes right after it is sent. */
export function ReplyForm({ conversationId, accessToken, resolved }: { conversationId: string; accessToken: string | undefined; resolved: boolean }) {
  const { m } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ids = useId();
  const [message, setMessage] = useState("");
  const reply = useMutation(
    trpc.support.reply.mutationOptions({
      trpc: { context: { supportToken: accessToken } },
      onSuccess: async () => {
        setMessage("");
        await queryClient.invalidateQueries({ queryKey: trpc.support.thread.queryKey({ conversationId }) });
      },
    }),
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (reply.isPending || !message.trim()) return;
    reply.mutate({ conversationId, message });
  }

  return (
    <form className="card support-reply" onSubmit={onSubmit} aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`}>{m.support.replyHeading}</h2>
      {resolved ? <p className="muted">{m.support.reopenHint}</p> : null}
      <div className="field">
        <label htmlFor={`${ids}-message`}>{m.support.replyLabel}</label>
        <textarea id={`${ids}-message`} name="message" required rows={4} maxLength={5000} value={message} onChange={(e) => setMessage(e.target.value)} />
      </div>
      <div aria-live="polite">
        {reply.isError ? (
          <p className="alert" role="alert">
            {supportErrorMessage(reply.error, m.support, m.support.notFoundText)}
          </p>
        ) : reply.isSuccess && !message ? (
          <p className="muted small">{m.support.replySent}</p>
        ) : null}
      </div>
      <div>
        <button type="submit" className="button button-primary" disabled={reply.isPending}>
          {reply.isPending ? m.support.sending : m.support.sendReply}
        </button>
      </div>
    </form>
  );
}
