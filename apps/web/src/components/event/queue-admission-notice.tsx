"use client";

import Link from "next/link";
import { useNow } from "~/components/event/use-now.ts";
import type { TQueueAdmission } from "~/components/event/use-queue-admission.ts";
import { useI18n } from "~/i18n/provider.tsx";

/** Minutes left at which screen readers hear how long remains (politely, once each). */
const ANNOUNCE_AT_MINUTES = [5, 2, 1];

/** What a screen reader is told about the time left: changes only at the thresholds above. */
function announcementFor(secondsLeft: number, m: ReturnType<typeof useI18n>["m"]): string {
  if (secondsLeft <= 60) return m.admission.runsOutSoon;
  const due = ANNOUNCE_AT_MINUTES.find((minutes) => secondsLeft <= minutes * 60);
  return due === undefined ? "" : m.admission.runsOutIn(due);
}

/**
 * The waiting room's admission on the event page: until when it is valid with the minutes left,
 * what happens when it runs out, and, once it has, the way back into the queue. The visible
 * countdown is not a live region (it would talk every minute); a polite one speaks at 5, 2 and
 * 1 minute left and when it runs out.
 */
export function QueueAdmissionNotice({ queue, slug }: { queue: TQueueAdmission; slug: string }) {
  const { m, format } = useI18n();
  const now = useNow(1_000);
  const expiresAt = queue.admitted ? queue.admissionExpiresAt : null;
  const secondsLeft = expiresAt ? Math.max(0, Math.ceil((expiresAt.getTime() - now.getTime()) / 1_000)) : null;
  // The buyer's own clock, not the venue's: this is about the next few minutes where they are.
  const until = expiresAt ? format.time(expiresAt, Intl.DateTimeFormat().resolvedOptions().timeZone) : null;
  const announcement = queue.lapsed ? `${m.admission.lapsedHeading}. ${m.admission.lapsedBody}` : secondsLeft === null ? "" : announcementFor(secondsLeft, m);

  return (
    <>
      {/* Always there, so what it says later is announced. */}
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {queue.lapsed ? (
        <div className="notice admission-notice">
          <p>
            <strong>{m.admission.lapsedHeading}</strong>
          </p>
          <p>{m.admission.lapsedBody}</p>
          <p>
            <Link href={`/events/${slug}/queue`}>{m.admission.joinAgain}</Link>
          </p>
        </div>
      ) : queue.admitted ? (
        <div className="notice notice-success admission-notice">
          <p role="status">
            <strong>{m.event.admittedBanner}</strong>
          </p>
          {until !== null && secondsLeft !== null ? (
            <>
              <p className="admission-time">
                {m.admission.validUntil(until)} ({secondsLeft < 60 ? m.admission.underAMinute : m.admission.minutesLeft(Math.ceil(secondsLeft / 60))}).
              </p>
              <p className="small">{m.admission.whenItRunsOut}</p>
            </>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
