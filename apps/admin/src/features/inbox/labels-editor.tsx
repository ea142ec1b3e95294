"use client";

import { LABELS_PER_CONVERSATION_MAX, ZLabel } from "@marquee/api/services/inbox/inbox-schemas";
import { useState } from "react";

/** The conversation's labels as removable chips, and a field that adds one on Enter (same rules as the API). */
export function LabelsEditor({ labels, disabled, onChange }: { labels: string[]; disabled: boolean; onChange: (labels: string[]) => void }) {
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);
  const add = () => {
    const parsed = ZLabel.safeParse(draft);
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? "Not a label");
    if (labels.includes(parsed.data)) return setDraft("");
    if (labels.length >= LABELS_PER_CONVERSATION_MAX) return setError(`At most ${LABELS_PER_CONVERSATION_MAX} labels`);
    setError(null);
    setDraft("");
    onChange([...labels, parsed.data]);
  };
  return (
    <div className="field">
      <label htmlFor="conversation-label">Labels</label>
      {labels.length > 0 ? (
        <ul className="label-chips" aria-label="Labels">
          {labels.map((label) => (
            <li key={label} className="inbox-label">
              {label}
              <button
                type="button"
                className="label-remove"
                aria-label={`Remove label ${label}`}
                disabled={disabled}
                onClick={() => onChange(labels.filter((other) => other !== label))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="inline-controls">
        <input
          id="conversation-label"
          value={draft}
          maxLength={40}
          placeholder="Add a label"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "conversation-label-error" : undefined}
          onChange={(event) => (setDraft(event.target.value), setError(null))}
          onKeyDown={(event) => {
            if (event.key === "Enter") {
              event.preventDefault();
              add();
            }
          }}
        />
        <button type="button" className="button" disabled={disabled || !draft.trim()} onClick={add}>
          Add
        </button>
      </div>
      {error ? (
        <p id="conversation-label-error" className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
