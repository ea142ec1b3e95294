"use client";

import { useEffect, useState } from "react";

/** The current time, refreshed every `everyMs`: sale windows open and close while the page is open. */
export function useNow(everyMs = 15_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
