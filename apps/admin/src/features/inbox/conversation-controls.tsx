"use client";

import { ZConversationPriority } from "@marquee/api/services/inbox/inbox-schemas";
import { formatDateTime } from "@marquee/ui/format";
import { useTRPC } from "@marquee/ui/trpc";
import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { mutationMessage } from "./mutation-message.ts";
import { PRIORITY_LABEL, STATUS_LABEL } from "./inbox-format.ts";
import type { TAgentConversationStatus, TInboxConversation } from "./inbox-types.ts";
import { LabelsEditor } from "./labels-editor.tsx";
import { MergeControl } from "./merge-control.tsx";
import { nextWeek, parseLocalDateTime, toLocalDateTime, tomorrowAtNine } from "./snooze.ts";
import { useInboxUpdate } from "./use-inbox-update.ts";

/** Status (with snooze), assignee, priority, labels and merge: each change saves at once. */
export function ConversationControls({ organizationId, conversation, userId }: { organizationId: string; conversation: TInboxConversation; userId: string }) {
  const trpc = useTRPC();
  const update = useInboxUpdate();
  const agents = useQuery(trpc.inboxTools.agents.list.queryOptions({ organizationId }));
  const ids = { organizationId, conversationId: conversation.id };
  const assigneeId = conversation.assignee?.id ?? "";
  const agentList = agents.data ?? [];
  const assigneeListed = !assigneeId || agentList.some((agent) => agent.userId === assigneeId);
  return (
    <section aria-label="Conversation settings" className="conversation-controls">
      <StatusControl
        status={conversation.status}
        snoozedUntil={conversation.snoozedUntil}
        disabled={update.isPending}
        onChange={(change) => update.mutate({ ...ids, ...change })}
      />
      <div className="field">
        <label htmlFor="conversation-assignee">Assignee</label>
        <div className="inline-controls">
          <select
            id="conversation-assignee"
            value={assigneeId}
            disabled={update.isPending}
            onChange={(event) => update.mutate({ ...ids, assigneeId: event.target.value || null })}
          >
            <option value="">Unassigned</option>
            {assigneeListed || !conversation.assignee ? null : <option value={assigneeId}>{conversation.assignee.name ?? conversation.assignee.email}</option>}
            {agentList.map((agent) => (
              <option key={agent.userId} value={agent.userId}>
                {agent.name ?? agent.email}
                {agent.userId === userId ? " (me)" : ""}
              </option>
            ))}
          </select>
          {assigneeId === userId ? null : (
            <button type="button" className="button" disabled={update.isPending} onClick={() => update.mutate({ ...ids, assigneeId: userId })}>
              Assign to me
            </button>
          )}
        </div>
      </div>
      <div className="field">
        <label htmlFor="conversation-priority">Priority</label>
        <select
          id="conversation-priority"
          value={conversation.priority}
          disabled={update.isPending}
          onChange={(event) => update.mutate({ ...ids, priority: ZConversationPriority.parse(event.target.value) })}
        >
          {ZConversationPriority.options.map((priority) => (
            <option key={priority} value={priority}>
              {PRIORITY_LABEL[priority]}
            </option>
          ))}
        </select>
      </div>
      <LabelsEditor labels={conversation.labels} disabled={update.isPending} onChange={(labels) => update.mutate({ ...ids, labels })} />
      <MergeControl organizationId={organizationId} conversation={conversation} />
      {update.isError ? (
        <p className="alert" role="alert">
          {mutationMessage(update.error)}
        </p>
      ) : null}
    </section>
  );
}

type TStatusChange = { status: TAgentConversationStatus; snoozedUntil?: Date };

/** The status select; Snoozed opens the presets and a custom date-time, and is saved with its time. */
function StatusControl({
  status,
  snoozedUntil,
  disabled,
  onChange,
}: {
  status: TAgentConversationStatus;
  snoozedUntil: Date | null;
  disabled: boolean;
  onChange: (change: TStatusChange) => void;
}) {
  const [choosingSnooze, setChoosingSnooze] = useState(false);
  const [custom, setCustom] = useState("");
  const customId = useId();
  const customAt = parseLocalDateTime(custom);
  return (
    <div className="field">
      <label htmlFor="conversation-status">Status</label>
      <select
        id="conversation-status"
        value={choosingSnooze ? "SNOOZED" : status}
        disabled={disabled}
        onChange={(event) => {
          const next = event.target.value as TAgentConversationStatus;
          if (next === "SNOOZED") return setChoosingSnooze(true);
          setChoosingSnooze(false);
          onChange({ status: next });
        }}
      >
        {(Object.keys(STATUS_LABEL) as TAgentConversationStatus[]).map((value) => (
          <option key={value} value={value}>
            {STATUS_LABEL[value]}
          </option>
        ))}
      </select>
      {status === "SNOOZED" && snoozedUntil && !choosingSnooze ? <p className="muted small">Until {formatDateTime(snoozedUntil)}</p> : null}
      {choosingSnooze ? (
        <fieldset className="snooze-choices">
          <legend>Snooze until</legend>
          <div className="inline-controls">
            <button
              type="button"
              className="button"
              disabled={disabled}
              onClick={() => (setChoosingSnooze(false), onChange({ status: "SNOOZED", snoozedUntil: tomorrowAtNine() }))}
            >
              Tomorrow 9:00
            </button>
            <button
              type="button"
              className="button"
              disabled={disabled}
              onClick={() => (setChoosingSnooze(false), onChange({ status: "SNOOZED", snoozedUntil: nextWeek() }))}
            >
              Next week
            </button>
          </div>
          <label htmlFor={customId}>Custom date and time</label>
          <div className="inline-controls">
            <input id={customId} type="datetime-local" value={custom} min={toLocalDateTime(new Date())} onChange={(event) => setCustom(event.target.value)} />
            <button
              type="button"
              className="button"
              disabled={disabled || !customAt || customAt.getTime() <= Date.now()}
              onClick={() => customAt && (setChoosingSnooze(false), onChange({ status: "SNOOZED", snoozedUntil: customAt }))}
            >
              Snooze
            </button>
            <button type="button" className="button" onClick={() => setChoosingSnooze(false)}>
              Cancel
            </button>
          </div>
        </fieldset>
      ) : null}
    </div>
  );
}
