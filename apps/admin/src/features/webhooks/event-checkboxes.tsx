import { WEBHOOK_EVENT_LABEL, WEBHOOK_EVENT_TYPES } from "./webhook-labels.ts";

/** The event types as checkboxes in a fieldset (named `events`, read with FormData.getAll). */
export function EventCheckboxes({ idPrefix, selected }: { idPrefix: string; selected: readonly string[] }) {
  return (
    <fieldset className="webhook-events">
      <legend>Events</legend>
      {WEBHOOK_EVENT_TYPES.map((type) => (
        <label key={type} htmlFor={`${idPrefix}-${type}`} className="webhook-event">
          <input id={`${idPrefix}-${type}`} type="checkbox" name="events" value={type} defaultChecked={selected.includes(type)} />
          {WEBHOOK_EVENT_LABEL[type]} <code className="muted small">{type}</code>
        </label>
      ))}
    </fieldset>
  );
}
