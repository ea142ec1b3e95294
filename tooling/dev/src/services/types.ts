/** What every find-or-start function returns. */
export interface ServiceHandle {
  /** Where clients connect (for Soketi and the mail catcher: the HTTP URL). */
  readonly url: string;
  /** True when this process started the service; stop() is a no-op otherwise. */
  readonly startedByUs: boolean;
  /** One line for the console, e.g. "PostgreSQL 15 (local binaries, .data/postgres)". */
  readonly description: string;
  stop(): Promise<void>;
}

export const foundRunning = (url: string, description: string): ServiceHandle => ({
  url,
  startedByUs: false,
  description: `${description} (already running)`,
  stop: async () => {},
});

export { redactUrl } from "@marquee/config/env";
