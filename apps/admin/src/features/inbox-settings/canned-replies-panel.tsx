"use client";

import { useTRPC } from "@marquee/ui/trpc";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useDeferredValue, useState } from "react";
import { QueryError } from "~/components/query-error.tsx";
import { ConfirmDialog } from "../events/confirm-dialog.tsx";
import { mutationErrorMessage } from "../signup/mutation-error.ts";
import { CannedReplyEditor, type TCannedReplyRow } from "./canned-reply-editor.tsx";

/** The organisation's canned replies: search, create, edit and delete (every agent may curate them). */
export function CannedRepliesPanel({ organizationId }: { organizationId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [q, setQ] = useState("");
  const search = useDeferredValue(q.trim());
  const replies = useQuery(trpc.inboxTools.cannedReplies.list.queryOptions({ organizationId, ...(search ? { q: search } : {}) }));
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<TCannedReplyRow | null>(null);
  const [notice, setNotice] = useState("");
  // A new form (empty) after each creation.
  const [newFormKey, setNewFormKey] = useState(0);
  const remove = useMutation(
    trpc.inboxTools.cannedReplies.delete.mutationOptions({
      onSuccess: async () => {
        setNotice(`/${deleting?.shortcut ?? ""} deleted.`);
        setDeleting(null);
        await queryClient.invalidateQueries({ queryKey: trpc.inboxTools.cannedReplies.list.queryKey() });
      },
    }),
  );

  return (
    <section className="card stack" aria-labelledby="canned-heading">
      <h2 id="canned-heading">Canned replies</h2>
      <div role="status" aria-live="polite" className="small">
        {notice}
      </div>
      <details>
        <summary>New canned reply</summary>
        <CannedReplyEditor
          key={newFormKey}
          organizationId={organizationId}
          reply={null}
          onDone={(message) => {
            setNotice(message);
            setNewFormKey((k) => k + 1);
          }}
        />
      </details>
      <div className="field">
        <label htmlFor="canned-search">Find a canned reply</label>
        <input id="canned-search" type="search" maxLength={100} value={q} onChange={(event) => setQ(event.target.value)} placeholder="/shortcut or title" />
      </div>
      {replies.isPending ? <p className="muted">Loading canned replies…</p> : null}
      {replies.isError ? <QueryError error={replies.error} onRetry={() => void replies.refetch()} /> : null}
      {replies.data && replies.data.length === 0 ? <p className="muted">{search ? "No canned reply matches." : "No canned replies yet."}</p> : null}
      <ul className="plain-list stack" aria-label="Canned replies">
        {replies.data?.map((reply) => (
          <li key={reply.id} className="stack">
            {editing === reply.id ? (
              <CannedReplyEditor
                organizationId={organizationId}
                reply={reply}
                onDone={(message) => {
                  setNotice(message);
                  setEditing(null);
                }}
              />
            ) : (
              <>
                <p>
                  <code>/{reply.shortcut}</code> <strong>{reply.title}</strong>
                </p>
                <p className="muted small break-all">{reply.body.length > 160 ? `${reply.body.slice(0, 160)}…` : reply.body}</p>
                <div className="actions-row">
                  <button type="button" className="button" onClick={() => setEditing(reply.id)} aria-label={`Edit /${reply.shortcut}`}>
                    Edit
                  </button>
                  <button type="button" className="button button-danger" onClick={() => setDeleting(reply)} aria-label={`Delete /${reply.shortcut}`}>
                    Delete
                  </button>
                </div>
              </>
            )}
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this canned reply?"
        onClose={() => setDeleting(null)}
        confirmLabel="Delete"
        confirmDisabled={remove.isPending}
        onConfirm={() => deleting && remove.mutate({ organizationId, id: deleting.id })}
      >
        <p>
          /{deleting?.shortcut} ({deleting?.title}) is removed for the whole team.
        </p>
        {remove.isError ? (
          <p className="alert" role="alert">
            {mutationErrorMessage(remove.error)}
          </p>
        ) : null}
      </ConfirmDialog>
    </section>
  );
}
