"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/** False while the server renders and the browser hydrates (localStorage is only read after). */
export const useHydrated = (): boolean => useSyncExternalStore(noSubscription, () => true, () => false);

/** The buyer's own time zone: conversation lists and threads render in the browser only. */
export const localTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;
