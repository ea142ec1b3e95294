"use client";

import type { TCheckinList } from "@marquee/api/services/checkin/checkin-schemas";
import { useTRPC } from "@marquee/ui/trpc";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { QueryError } from "~/components/query-error.tsx";
import { ConfirmDialog } from "../events/confirm-dialog.tsx";
import { mutationErrorMessage } from "../signup/mutation-error.ts";
import styles from "./checkin.module.css";
import { ListEditor } from "./list-editor.tsx";
import { formatInZone } from "./zoned-time.ts";

function windowText(list: TCheckinList, timeZone: string): string {
  if (!list.validFrom && !list.validUntil) return "Any time";
  const from = list.validFrom ? `from ${formatInZone(list.validFrom, timeZone)}` : "";
  const until = list.validUntil ? `until ${formatInZone(list.validUntil, timeZone)}` : "";
  return [from, until].filter(Boolean).join(" ");
}

/** The event's check-in lists: a table (cards on a phone), the editor, and archive (confirmed). Editing needs event.manage. */
export function ListsPanel({ organizationId, eventId, canManage }: { organizationId: string; eventId: string; canManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<TCheckinList | "new" | null>(null);
  const [archiving, setArchiving] = useState<TCheckinList | null>(null);
  const lists = useQuery(trpc.checkin.lists.queryOptions({ organizationId, eventId }));
  const event = useQuery(trpc.event.detail.queryOptions({ organizationId, eventId }));
  const types = useQuery(trpc.ticketType.list.queryOptions({ organizationId, eventId }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.checkin.pathKey() });
  const archive = useMutation(
    trpc.checkin.archiveList.mutationOptions({
      onSuccess: () => {
        setArchiving(null);
        void refresh();
      },
    }),
  );

  if (lists.isPending || event.isPending) return <p className="muted">Loading check-in lists…</p>;
  if (lists.isError) return <QueryError error={lists.error} onRetry={() => void lists.refetch()} />;
  if (event.isError) return <QueryError error={event.error} onRetry={() => void event.refetch()} />;
  const timeZone = event.data.timezone;
  const typeName = new Map((types.data ?? []).map((t) => [t.id, t.name]));
  const typesText = (list: TCheckinList) =>
    list.allTicketTypes ? "All" : list.ticketTypeIds.map((id) => typeName.get(id) ?? "(removed type)").join(", ") || "None";

  return (
    <div className="stack">
      {editing ? (
        <ListEditor
          key={editing === "new" ? "new" : editing.id}
          organizationId={organizationId}
          eventId={eventId}
          timeZone={timeZone}
          list={editing === "new" ? null : editing}
          ticketTypes={types.data ?? []}
          onSaved={() => {
            setEditing(null);
            void refresh();
          }}
          onCancel={() => setEditing(null)}
        />
      ) : canManage ? (
        <div className="event-actions">
          <button type="button" className="button button-primary" onClick={() => setEditing("new")}>
            New list
          </button>
        </div>
      ) : null}
      {archive.error ? (
        <p className="alert" role="alert">
          {mutationErrorMessage(archive.error)}
        </p>
      ) : null}
      <div className={`card table-wrap ${styles.cardsOnPhone}`}>
        <table>
          <caption className="visually-hidden">Check-in lists</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Ticket types</th>
              <th scope="col">Exit scans</th>
              <th scope="col">Re-entry</th>
              <th scope="col">Valid</th>
              {canManage ? (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {lists.data.map((list) => (
              <tr key={list.id} className={list.archived ? "muted" : undefined}>
                <th scope="row" data-label="Name">
                  {list.name}
                  {list.archived ? <span className="badge"> Archived</span> : null}
                </th>
                <td data-label="Ticket types">{typesText(list)}</td>
                <td data-label="Exit scans">{list.exitScans ? "Yes" : "No"}</td>
                <td data-label="Re-entry">{list.allowReentry ? "Allowed" : "No"}</td>
                <td data-label="Valid">{windowText(list, timeZone)}</td>
                {canManage ? (
                  <td data-label="Actions">
                    {list.archived ? null : (
                      <div className={styles.rowActions}>
                        <button type="button" className="button" onClick={() => setEditing(list)}>
                          Edit<span className="visually-hidden"> {list.name}</span>
                        </button>
                        <button type="button" className="button" onClick={() => setArchiving(list)}>
                          Archive…<span className="visually-hidden"> {list.name}</span>
                        </button>
                      </div>
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ConfirmDialog
        open={archiving !== null}
        title={`Archive “${archiving?.name ?? ""}”?`}
        confirmLabel="Archive list"
        confirmDisabled={archive.isPending}
        onClose={() => setArchiving(null)}
        onConfirm={() => archiving && archive.mutate({ organizationId, listId: archiving.id })}
      >
        <p>Scanners stop offering it at their next sync. Its scans stay in the statistics.</p>
      </ConfirmDialog>
    </div>
  );
}
