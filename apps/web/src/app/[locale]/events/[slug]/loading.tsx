"use client";

import { useI18n } from "~/i18n/provider.tsx";
import "~/styles/event.css";

export default function EventLoading() {
  const { m } = useI18n();
  return (
    <div className="event-page" aria-busy="true">
      <p className="muted" role="status">
        {m.event.loadingEvent}
      </p>
      <div className="event-skeleton" aria-hidden="true">
        <div className="skeleton-line skeleton-title" />
        <div className="skeleton-line" />
        <div className="skeleton-line skeleton-short" />
      </div>
    </div>
  );
}
