"use client";

import { useEffect, useState } from "react";

/** The time, refreshed every minute, so "3 h" and the SLA badges age on a screen left open all day. */
export function useNow(everyMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
