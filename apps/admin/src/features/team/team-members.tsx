"use client";

import type { AdminRouterOutputs } from "@marquee/api";
import { formatDateTime } from "@marquee/ui/format";
import { useTRPC } from "@marquee/ui/trpc";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { QueryError } from "~/components/query-error.tsx";
import { ROLE_LABEL } from "~/lib/labels.ts";
import { mutationErrorMessage } from "../signup/mutation-error.ts";

type TMember = AdminRouterOutputs["team"]["members"]["members"][number];
type TRole = TMember["role"];
export const ROLES = Object.keys(ROLE_LABEL) as TRole[];

/** The team with a role picker and "Remove" per member; owners' rows are editable by owners only. */
export function TeamMembers({ organizationId, myRole, myUserId }: { organizationId: string; myRole: TRole; myUserId: string }) {
  const trpc = useTRPC();
  const members = useQuery(trpc.team.members.queryOptions({ organizationId }));
  if (members.isPending) return <p className="muted">Loading the team…</p>;
  if (members.isError) return <QueryError error={members.error} onRetry={() => void members.refetch()} />;
  return (
    <div className="table-wrap card">
      <table>
        <caption className="visually-hidden">Team members</caption>
        <thead>
          <tr>
            <th scope="col">Member</th>
            <th scope="col">Role</th>
            <th scope="col">Since</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {members.data.members.map((member) => (
            <MemberRow key={member.userId} organizationId={organizationId} member={member} myRole={myRole} isMe={member.userId === myUserId} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function MemberRow({ organizationId, member, myRole, isMe }: { organizationId: string; member: TMember; myRole: TRole; isMe: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [role, setRole] = useState<TRole>(member.role);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.team.members.queryKey({ organizationId }) });
  const changeRole = useMutation(trpc.team.changeRole.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.team.remove.mutationOptions({ onSuccess: refresh }));
  const locked = member.role === "OWNER" && myRole !== "OWNER";
  const error = changeRole.error ?? remove.error;
  const label = member.name ?? member.email;
  return (
    <tr>
      <th scope="row">
        <span>{label}</span>
        <span className="muted small"> {member.email}</span>
        {member.twoFactorEnabled ? <span className="badge badge-success small"> 2FA</span> : null}
        {isMe ? <span className="muted small"> (you)</span> : null}
      </th>
      <td>
        <label className="visually-hidden" htmlFor={`role-${member.userId}`}>
          Role of {label}
        </label>
        <select id={`role-${member.userId}`} value={role} disabled={locked} onChange={(event) => setRole(event.target.value as TRole)}>
          {ROLES.map((option) => (
            <option key={option} value={option} disabled={option === "OWNER" && myRole !== "OWNER"}>
              {ROLE_LABEL[option]}
            </option>
          ))}
        </select>
      </td>
      <td>
        <time dateTime={member.joinedAt.toISOString()}>{formatDateTime(member.joinedAt)}</time>
      </td>
      <td>
        <div className="team-actions">
          <button
            type="button"
            className="button"
            disabled={locked || role === member.role || changeRole.isPending}
            onClick={() => changeRole.mutate({ organizationId, userId: member.userId, role })}
          >
            Save role<span className="visually-hidden"> of {label}</span>
          </button>
          <button
            type="button"
            className="button"
            disabled={locked || remove.isPending}
            onClick={() => {
              if (window.confirm(`Remove ${label} from the team? Their sessions end at once.`)) remove.mutate({ organizationId, userId: member.userId });
            }}
          >
            Remove<span className="visually-hidden"> {label}</span>
          </button>
        </div>
        {error ? (
          <p className="alert small" role="alert">
            {mutationErrorMessage(error)}
          </p>
        ) : null}
      </td>
    </tr>
  );
}
