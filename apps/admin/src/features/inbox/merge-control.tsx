"use client";

import { useTRPC } from "@marquee/ui/trpc";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "~/features/events/confirm-dialog.tsx";
import { orgPath } from "~/lib/org-path.ts";
import { STATUS_LABEL } from "./inbox-format.ts";
import type { TInboxConversation } from "./inbox-types.ts";
import { mutationMessage } from "./mutation-message.ts";

/** Merge this conversation into another of the same buyer, after a confirmation; then go to the one kept. */
export function MergeControl({ organizationId, conversation }: { organizationId: string; conversation: TInboxConversation }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [targetId, setTargetId] = useState("");
  const [confirming, setConfirming] = useState(false);
  const merge = useMutation(
    trpc.inbox.merge.mutationOptions({
      onSuccess: async () => {
        setConfirming(false);
        await queryClient.invalidateQueries({ queryKey: trpc.inbox.pathKey() });
        router.push(orgPath(organizationId, `/inbox/${targetId}`));
      },
    }),
  );
  const others = conversation.buyer.otherConversations;
  if (conversation.mergedInto || others.length === 0) return null;
  const target = others.find((other) => other.id === targetId);
  return (
    <div className="field">
      <label htmlFor="conversation-merge">Merge into</label>
      <div className="inline-controls">
        <select id="conversation-merge" value={targetId} onChange={(event) => setTargetId(event.target.value)}>
          <option value="">Another conversation of this buyer…</option>
          {others.map((other) => (
            <option key={other.id} value={other.id}>
              #{other.number} {other.subject} ({STATUS_LABEL[other.status]})
            </option>
          ))}
        </select>
        <button type="button" className="button" disabled={!target} onClick={() => setConfirming(true)}>
          Merge…
        </button>
      </div>
      <ConfirmDialog
        open={confirming && Boolean(target)}
        title={`Merge #${conversation.number} into #${target?.number ?? ""}?`}
        confirmLabel="Merge"
        confirmDisabled={merge.isPending}
        onClose={() => setConfirming(false)}
        onConfirm={() => merge.mutate({ organizationId, conversationId: conversation.id, intoConversationId: targetId })}
      >
        <p>
          The messages of #{conversation.number} move to #{target?.number} “{target?.subject}”, and #{conversation.number} is closed. This cannot be undone.
        </p>
        {merge.isError ? (
          <p className="alert" role="alert">
            {mutationMessage(merge.error)}
          </p>
        ) : null}
      </ConfirmDialog>
    </div>
  );
}
