"use client";

import type { AdminRouterOutputs } from "@marquee/api";
import { formatDateTime } from "@marquee/ui/format";
import { useTRPC } from "@marquee/ui/trpc";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { QueryError } from "~/components/query-error.tsx";
import { ROLE_LABEL } from "~/lib/labels.ts";
import { mutationErrorMessage } from "../signup/mutation-error.ts";

/** The agents (members who answer support) with availability and load; your own toggle, anyone's for team managers. */
type TAgent = AdminRouterOutputs["inboxTools"]["agents"]["list"][number];

export function AgentsPanel({ organizationId, myUserId, canManageTeam }: { organizationId: string; myUserId: string; canManageTeam: boolean }) {
  const trpc = useTRPC();
  const agents = useQuery(trpc.inboxTools.agents.list.queryOptions({ organizationId }));
  if (agents.isPending) return <p className="muted">Loading agents…</p>;
  if (agents.isError) return <QueryError error={agents.error} onRetry={() => void agents.refetch()} />;
  return (
    <section className="card stack" aria-labelledby="agents-heading">
      <h2 id="agents-heading">Agents</h2>
      <p className="muted small">Automatic assignment skips agents who are away and those at the cap.</p>
      <ul className="plain-list stack" aria-label="Agents">
        {agents.data.map((agent) => (
          <AgentRow
            key={agent.userId}
            organizationId={organizationId}
            agent={agent}
            isMe={agent.userId === myUserId}
            mayToggle={agent.userId === myUserId || canManageTeam}
          />
        ))}
      </ul>
    </section>
  );
}

function AgentRow({ organizationId, agent, isMe, mayToggle }: { organizationId: string; agent: TAgent; isMe: boolean; mayToggle: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // The box shows the state asked for from the click on (set in the same event, so React never puts the old
  // one back in between) until the list has been fetched again; a refusal shows the stored state again.
  const [asked, setAsked] = useState<boolean | null>(null);
  const setAvailability = useMutation(
    trpc.inboxTools.agents.setAvailability.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.inboxTools.agents.list.queryKey({ organizationId }) }),
      onSettled: () => setAsked(null),
    }),
  );
  const label = agent.name ?? agent.email;
  const available = asked ?? agent.available;
  return (
    <li className="stack">
      <p className="break-all">
        <strong>{label}</strong>
        {isMe ? <span className="muted small"> (you)</span> : null}
        <span className="muted small">
          {" "}
          {agent.email} · {ROLE_LABEL[agent.role]}
        </span>
      </p>
      <p className="small">
        {agent.openAssigned} open assigned
        {agent.lastAssignedAt ? (
          <>
            {" "}
            · last assigned <time dateTime={agent.lastAssignedAt.toISOString()}>{formatDateTime(agent.lastAssignedAt)}</time>
          </>
        ) : null}
      </p>
      <label className="check">
        <input
          type="checkbox"
          checked={available}
          disabled={!mayToggle || setAvailability.isPending}
          onChange={(event) => {
            setAsked(event.target.checked);
            setAvailability.mutate({ organizationId, available: event.target.checked, ...(isMe ? {} : { userId: agent.userId }) });
          }}
        />
        {isMe ? "I am available for new conversations" : `${label} is available for new conversations`}
      </label>
      <p role="status" className="muted small">
        {setAvailability.isSuccess ? (available ? "Saved: available." : "Saved: away.") : ""}
      </p>
      {setAvailability.isError ? (
        <p className="alert" role="alert">
          {mutationErrorMessage(setAvailability.error)}
        </p>
      ) : null}
    </li>
  );
}
