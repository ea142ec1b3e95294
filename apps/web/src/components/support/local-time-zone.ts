/** The buyer's own time zone: conversation lists and threads render in the browser only (after useHydrated). */
export const localTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;
