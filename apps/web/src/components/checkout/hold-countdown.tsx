"use client";

import { useEffect, useState } from "react";
import { useI18n } from "~/i18n/provider.tsx";

/**
 * Whole seconds left until the server's `expiresAt`, ticking once a second. It is always derived
 * from expiresAt and the clock, so clicks, re-renders and remounts never reset it.
 * `clockOffsetMs` (server clock minus this browser's) keeps a wrong device clock from showing
 * minutes the hold does not have.
 */
export function useSecondsLeft(expiresAt: Date, clockOffsetMs = 0): number {
  const target = expiresAt.getTime() - clockOffsetMs;
  const [secondsLeft, setSecondsLeft] = useState(() => secondsUntil(target));
  useEffect(() => {
    const tick = () => setSecondsLeft(secondsUntil(target));
    tick();
    const timer = window.setInterval(tick, 250);
    return () => window.clearInterval(timer);
  }, [target]);
  return secondsLeft;
}

/**
 * How far the server's clock is ahead of this browser's, from an answer's `serverNow` and the
 * local time it arrived; zero when the two agree within a second (the trip itself takes time).
 */
export function clockOffsetMs(serverNow: Date, receivedAt: number): number {
  const offset = serverNow.getTime() - receivedAt;
  return Math.abs(offset) < 1_000 ? 0 : offset;
}

const secondsUntil = (target: number) => Math.max(0, Math.ceil((target - Date.now()) / 1000));

export const formatMinutesSeconds = (seconds: number) => `${String(Math.floor(seconds / 60)).padStart(2, "0")}:${String(seconds % 60).padStart(2, "0")}`;

/** Moments announced to screen readers (a role="timer" itself is not read out as it changes). */
const ANNOUNCE_AT = [300, 120, 60];

/** "Your tickets are held for 09:41" with an aria-live note at 5, 2 and 1 minutes left. */
export function HoldCountdown({ secondsLeft }: { secondsLeft: number }) {
  const { m } = useI18n();
  const [announcement, setAnnouncement] = useState("");
  const [announced, setAnnounced] = useState<number | null>(null);
  // The first threshold already passed when the page opened is not announced late.
  const due = ANNOUNCE_AT.find((threshold) => secondsLeft <= threshold && secondsLeft > threshold - 5);
  if (due !== undefined && due !== announced) {
    setAnnounced(due);
    setAnnouncement(due === 60 ? m.checkout.oneMinuteLeft : m.checkout.minutesLeft(due / 60));
  }
  const urgent = secondsLeft <= 60;
  return (
    <div className={`hold-countdown${urgent ? " hold-countdown-urgent" : ""}`}>
      <span>{m.checkout.heldFor}</span>{" "}
      <span role="timer" aria-label={m.checkout.timerLabel} className="hold-countdown-time">
        {formatMinutesSeconds(secondsLeft)}
      </span>
      <span className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </span>
    </div>
  );
}
