"use client";

import { useEffect, useState } from "react";

/** The time, refreshed every `everyMs`, for "N s ago" and countdowns; 0 until mounted, so the server and first client render agree. */
export function useClock(everyMs = 1000): number {
  const [now, setNow] = useState(0);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
