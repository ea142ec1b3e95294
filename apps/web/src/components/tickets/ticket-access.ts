"use client";

import { useTRPC } from "@marquee/ui/trpc";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

/**
 * How the buyer proves the order is theirs. `account`: the signed-in buyer's own order (the
 * session). `orderLink`: a guest who opened the order with its e-mailed link, whose token rides in
 * the X-Order-Token header (never in a URL); the same procedures check either. The components
 * below only see `useTicketSelfService`.
 */
export type TTicketAccess = { kind: "account" } | { kind: "orderLink"; token: string };

/** The self-service query and mutations for an order, with its access kind's proof. */
export function useTicketSelfService(orderId: string, access: TTicketAccess, onChanged?: () => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const context = { trpc: { context: { orderToken: access.kind === "orderLink" ? access.token : undefined } } };
  const query = useQuery(trpc.ticket.selfService.queryOptions({ orderId }, context));
  const settled = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.ticket.selfService.queryKey({ orderId }) });
    onChanged?.();
  };
  const rename = useMutation(trpc.ticket.rename.mutationOptions({ onSettled: settled, ...context }));
  const transfer = useMutation(trpc.ticket.transfer.mutationOptions({ onSettled: settled, ...context }));
  const requestRefund = useMutation(trpc.ticket.requestRefund.mutationOptions({ onSettled: settled, ...context }));
  return { query, rename, transfer, requestRefund };
}
