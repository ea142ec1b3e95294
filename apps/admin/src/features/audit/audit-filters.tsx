import type { TAuditSearch } from "./audit-search.ts";

/** The filters as a plain GET form: they live in the URL, so a filtered view can be bookmarked and shared. */
export function AuditFilters({ action, search }: { action: string; search: TAuditSearch }) {
  return (
    <form className="card audit-filters" method="get" action={action} aria-label="Filter the audit log">
      <div className="field">
        <label htmlFor="audit-action">Action starts with</label>
        <input id="audit-action" name="action" defaultValue={search.action} maxLength={64} placeholder="e.g. api-token" />
      </div>
      <div className="field">
        <label htmlFor="audit-actor">Actor id (user or token)</label>
        <input id="audit-actor" name="actor" defaultValue={search.actor} maxLength={36} />
      </div>
      <div className="field">
        <label htmlFor="audit-target-type">Target type</label>
        <input id="audit-target-type" name="targetType" defaultValue={search.targetType} maxLength={64} placeholder="e.g. order" />
      </div>
      <div className="field">
        <label htmlFor="audit-target-id">Target id</label>
        <input id="audit-target-id" name="targetId" defaultValue={search.targetId} maxLength={128} />
      </div>
      <div className="field">
        <label htmlFor="audit-from">From (UTC)</label>
        <input id="audit-from" name="from" type="date" defaultValue={search.from} />
      </div>
      <div className="field">
        <label htmlFor="audit-to">To (UTC)</label>
        <input id="audit-to" name="to" type="date" defaultValue={search.to} />
      </div>
      <div className="copy-button">
        <button type="submit" className="button button-primary">
          Filter
        </button>
        <a className="button" href={action}>
          Clear
        </a>
      </div>
    </form>
  );
}
