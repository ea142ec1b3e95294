"use client";

import { formatDateTime } from "@marquee/ui/format";
import { useTRPC } from "@marquee/ui/trpc";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { QueryError } from "~/components/query-error.tsx";
import { ROLE_LABEL } from "~/lib/labels.ts";
import { mutationErrorMessage } from "../signup/mutation-error.ts";
import { ROLES } from "./team-members.tsx";

type TRole = (typeof ROLES)[number];

/** Invite by e-mail with a role, and the pending invitations with resend and revoke. */
export function TeamInvitations({ organizationId, myRole }: { organizationId: string; myRole: TRole }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invitations = useQuery(trpc.team.invitations.queryOptions({ organizationId }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.team.invitations.queryKey({ organizationId }) });
  const invite = useMutation(trpc.team.invite.mutationOptions({ onSuccess: refresh }));
  const resend = useMutation(trpc.team.resendInvitation.mutationOptions({ onSuccess: refresh }));
  const revoke = useMutation(trpc.team.revokeInvitation.mutationOptions({ onSuccess: refresh }));
  const [status, setStatus] = useState<string | null>(null);

  function onInvite(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const email = String(form.get("email") ?? "");
    invite.mutate(
      { organizationId, email, role: String(form.get("role")) as TRole },
      {
        onSuccess: () => {
          setStatus(`Invitation sent to ${email}.`);
          formElement.reset();
        },
      },
    );
  }

  const error = invite.error ?? resend.error ?? revoke.error;
  return (
    <section className="card stack" aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite someone</h2>
      <form className="invite-form" onSubmit={onInvite}>
        <div className="field">
          <label htmlFor="invite-email">E-mail</label>
          <input id="invite-email" name="email" type="email" required maxLength={320} autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor="invite-role">Role</label>
          <select id="invite-role" name="role" defaultValue="BOX_OFFICE">
            {ROLES.filter((role) => role !== "OWNER" || myRole === "OWNER").map((role) => (
              <option key={role} value={role}>
                {ROLE_LABEL[role]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button-primary" disabled={invite.isPending}>
          {invite.isPending ? "Sending…" : "Send invitation"}
        </button>
      </form>
      <div role="status" aria-live="polite">
        {status ? <p className="small">{status}</p> : null}
      </div>
      <div role="alert" aria-live="assertive">
        {error ? <p className="alert">{mutationErrorMessage(error)}</p> : null}
      </div>
      <h2>Pending invitations</h2>
      {invitations.isPending ? <p className="muted">Loading invitations…</p> : null}
      {invitations.isError ? <QueryError error={invitations.error} onRetry={() => void invitations.refetch()} /> : null}
      {invitations.data?.invitations.length === 0 ? <p className="muted">No pending invitations.</p> : null}
      {invitations.data?.invitations.length ? (
        <ul className="invitation-list">
          {invitations.data.invitations.map((invitation) => (
            <li key={invitation.id}>
              <span>
                <strong>{invitation.email}</strong> · {ROLE_LABEL[invitation.role]} ·{" "}
                {invitation.expired ? (
                  <span className="badge badge-warning">Expired</span>
                ) : (
                  <span className="muted small">
                    expires <time dateTime={invitation.expiresAt.toISOString()}>{formatDateTime(invitation.expiresAt)}</time>
                  </span>
                )}
              </span>
              <span className="team-actions">
                <button
                  type="button"
                  className="button"
                  disabled={resend.isPending}
                  onClick={() => resend.mutate({ organizationId, invitationId: invitation.id })}
                >
                  Resend<span className="visually-hidden"> to {invitation.email}</span>
                </button>
                <button
                  type="button"
                  className="button"
                  disabled={revoke.isPending}
                  onClick={() => revoke.mutate({ organizationId, invitationId: invitation.id })}
                >
                  Revoke<span className="visually-hidden"> for {invitation.email}</span>
                </button>
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
