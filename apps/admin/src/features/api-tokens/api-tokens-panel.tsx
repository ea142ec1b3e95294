"use client";

import type { AdminRouterOutputs } from "@marquee/api";
import { formatDateTime } from "@marquee/ui/format";
import { useTRPC } from "@marquee/ui/trpc";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { QueryError } from "~/components/query-error.tsx";
import { ROLE_LABEL } from "~/lib/labels.ts";
import { CreateApiTokenForm } from "./create-api-token-form.tsx";

type ApiToken = AdminRouterOutputs["apiToken"]["list"][number];

/** The organisation's API tokens: create (shown once), list, revoke with confirmation. */
export function ApiTokensPanel({ organizationId, organizationName }: { organizationId: string; organizationName: string }) {
  const trpc = useTRPC();
  const tokens = useQuery(trpc.apiToken.list.queryOptions({ organizationId, includeRevoked: false }));

  return (
    <div className="stack">
      <p className="muted">
        Tokens call the organiser REST API (<code>/api/v1/organization/…</code>) with <code>Authorization: Bearer &lt;token&gt;</code>. A token acts in{" "}
        {organizationName} with its role, and stops working at once when revoked, when it expires, or when the person who created it can no longer manage the
        organisation.
      </p>
      <CreateApiTokenForm organizationId={organizationId} />
      {tokens.isPending ? (
        <p className="muted">Loading tokens…</p>
      ) : tokens.isError ? (
        <QueryError error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : tokens.data.length === 0 ? (
        <p className="card muted">No active tokens.</p>
      ) : (
        <div className="table-wrap card" tabIndex={0} role="region" aria-label="API tokens table">
          <table>
            <caption className="visually-hidden">Active API tokens of {organizationName}</caption>
            <thead>
              <tr>
                <th scope="col">Token</th>
                <th scope="col">Role</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Expires</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.map((token) => (
                <ApiTokenRow key={token.id} organizationId={organizationId} token={token} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

const when = (date: Date | null, otherwise: string) => (date ? <time dateTime={date.toISOString()}>{formatDateTime(date)}</time> : otherwise);

function ApiTokenRow({ organizationId, token }: { organizationId: string; token: ApiToken }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const revoke = useMutation(
    trpc.apiToken.revoke.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.apiToken.list.queryKey() }) }),
  );
  return (
    <tr>
      <th scope="row">
        <span className="event-name">{token.name}</span>
        <code className="muted small">{token.prefix}…</code>
      </th>
      <td>{ROLE_LABEL[token.role]}</td>
      <td>
        {when(token.createdAt, "")}
        {token.createdBy && <span className="muted small block">by {token.createdBy.name ?? token.createdBy.email}</span>}
      </td>
      <td>{when(token.lastUsedAt, "Never")}</td>
      <td>{when(token.expiresAt, "Never")}</td>
      <td>
        {confirming ? (
          <div className="revoke-confirm" role="group" aria-label={`Revoke ${token.name}?`}>
            <span>Revoke “{token.name}”? Calls with it fail at once.</span>
            <button
              type="button"
              className="button button-danger"
              disabled={revoke.isPending}
              onClick={() => revoke.mutate({ organizationId, tokenId: token.id })}
            >
              Yes, revoke
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
            {revoke.isError && (
              <span className="alert" role="alert">
                {revoke.error.message}
              </span>
            )}
          </div>
        ) : (
          <button type="button" className="button" onClick={() => setConfirming(true)} aria-label={`Revoke ${token.name}`}>
            Revoke
          </button>
        )}
      </td>
    </tr>
  );
}
