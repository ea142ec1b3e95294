"use client";

import { useTRPC } from "@marquee/ui/trpc";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

/**
 * How the buyer proves the order is theirs. `account`: the signed-in buyer's own order (the
 * session). The guest order-link page adds its own kind here (its signed order token) with the
 * matching procedures; the components below only see `useTicketSelfService`.
 */
export type TTicketAccess = { kind: "account" };

/** The self-service query and mutations for an order, through the procedures of its access kind. */
export function useTicketSelfService(orderId: string, _access: TTicketAccess, onChanged?: () => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const query = useQuery(trpc.ticket.selfService.queryOptions({ orderId }));
  const settled = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.ticket.selfService.queryKey({ orderId }) });
    onChanged?.();
  };
  const rename = useMutation(trpc.ticket.rename.mutationOptions({ onSettled: settled }));
  const transfer = useMutation(trpc.ticket.transfer.mutationOptions({ onSettled: settled }));
  const requestRefund = useMutation(trpc.ticket.requestRefund.mutationOptions({ onSettled: settled }));
  return { query, rename, transfer, requestRefund };
}
