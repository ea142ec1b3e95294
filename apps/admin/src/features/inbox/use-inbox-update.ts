"use client";

import { useTRPC } from "@marquee/ui/trpc";
import { useMutation, useQueryClient } from "@tanstack/react-query";

/** inbox.update, then every inbox query re-read (the list, the counts and this conversation). */
export function useInboxUpdate() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.inbox.update.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.inbox.pathKey() }),
    }),
  );
}
