"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * False while the server renders and while the browser hydrates that HTML, true afterwards (and
 * at once on a client-side navigation). Gate what only the browser knows (localStorage, the
 * buyer's time zone) on it so server and first client render match.
 */
export const useHydrated = (): boolean =>
  useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
