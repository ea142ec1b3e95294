"use client";

import type { AdminRouterOutputs } from "@marquee/api";
import type { ZInboxConversation } from "@marquee/api/services/inbox/inbox-schemas";
import { useTRPC } from "@marquee/ui/trpc";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { z } from "zod";

export type TInboxConversation = z.infer<typeof ZInboxConversation>;
export type TBuyerOrder = TInboxConversation["buyer"]["orders"][number];
export type TOrderActionResult = AdminRouterOutputs["inboxTools"]["orderAction"];

/**
 * inboxTools.orderAction with an Idempotency-Key per attempt (a double click or a retried request is
 * one refund; a new key after a failure or a success), then the conversation (inbox.get: the new
 * system message, the order's new state) is fetched again.
 */
export function useOrderAction(onDone: (result: TOrderActionResult) => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  return useMutation(
    trpc.inboxTools.orderAction.mutationOptions({
      trpc: { context: { idempotencyKey } },
      onSuccess: async (result) => {
        setIdempotencyKey(crypto.randomUUID());
        // inbox.get's queries (by prefix: the inbox router is another part of the console).
        await queryClient.invalidateQueries({ queryKey: [["inbox", "get"]] });
        onDone(result);
      },
      onError: () => setIdempotencyKey(crypto.randomUUID()),
    }),
  );
}
