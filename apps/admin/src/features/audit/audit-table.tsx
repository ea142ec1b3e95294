"use client";

import type { AdminRouterOutputs } from "@marquee/api";
import { formatDateTime } from "@marquee/ui/format";
import { useTRPC } from "@marquee/ui/trpc";
import { useQuery } from "@tanstack/react-query";
import { QueryError } from "~/components/query-error.tsx";
import { auditHref, auditListInput, type TAuditSearch } from "./audit-search.ts";

type AuditEntry = AdminRouterOutputs["audit"]["list"]["entries"][number];

/** One page of the audit log (newest first) for the URL's filters, with a link to older entries. */
export function AuditTable({ organizationId, path, search }: { organizationId: string; path: string; search: TAuditSearch }) {
  const trpc = useTRPC();
  const audit = useQuery(trpc.audit.list.queryOptions(auditListInput(organizationId, search)));

  if (audit.isPending) return <p className="muted">Loading the audit log…</p>;
  if (audit.isError) return <QueryError error={audit.error} onRetry={() => void audit.refetch()} />;
  return (
    <>
      {audit.data.entries.length === 0 ? (
        <p className="card muted">No entries match.</p>
      ) : (
        <div className="table-wrap card" tabIndex={0} role="region" aria-label="Audit log table">
          <table>
            <caption className="visually-hidden">Audit log entries, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Target</th>
                <th scope="col">From</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {audit.data.entries.map((entry) => (
                <AuditRow key={entry.id} entry={entry} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager" aria-label="Audit log pages">
        {search.cursor && <a href={auditHref(path, { ...search, cursor: undefined })}>Newest entries</a>}
        {audit.data.nextCursor && <a href={auditHref(path, search, audit.data.nextCursor)}>Older entries</a>}
      </nav>
    </>
  );
}

function actorLabel(actor: AuditEntry["actor"]): string {
  if (actor.apiToken) return `API token “${actor.apiToken.name}”`;
  if (actor.user) return actor.user.name ? `${actor.user.name} (${actor.user.email})` : actor.user.email;
  return actor.kind === "user" ? "A former member" : actor.kind;
}

/** What changed, without the credential id (shown as the actor). */
function details(data: unknown): string {
  if (data === null || data === undefined) return "";
  if (typeof data !== "object" || Array.isArray(data)) return JSON.stringify(data);
  const rest = Object.fromEntries(Object.entries(data).filter(([key]) => key !== "credentialId"));
  return Object.entries(rest)
    .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(", ");
}

function AuditRow({ entry }: { entry: AuditEntry }) {
  return (
    <tr>
      <td>
        <time dateTime={entry.createdAt.toISOString()}>{formatDateTime(entry.createdAt)}</time>
      </td>
      <td>{actorLabel(entry.actor)}</td>
      <th scope="row">
        <code>{entry.action}</code>
      </th>
      <td>
        {entry.targetType} <code className="muted small block">{entry.targetId}</code>
      </td>
      <td>{entry.ip ?? "—"}</td>
      <td className="audit-details">{details(entry.data)}</td>
    </tr>
  );
}
