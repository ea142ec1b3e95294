// Which public pages a console change made stale: PostgreSQL's triggers (migration *_site_page_changes)
// notify `marquee_site_pages` with the changed events' slugs when an event, its ticket types, their
// prices or its venue change (not on sales: counters are left out). The customer site's server
// listens here and drops its shared page copies (apps/web, page-cache.ts), so no copy outlives a
// change (Next's own cached page below follows within its revalidate time).
// A notification sent while the connection is down is lost: after every (re)connection the
// listener reports `"*"` (everything may have changed), and copies expire on their own anyway.
import { readDbEnv } from "@marquee/db";
import pg from "pg";

export const SITE_PAGES_CHANNEL = "marquee_site_pages";

/** The slugs of the events whose pages changed, or "*" when any page may have. */
export type TSiteChange = string[] | "*";

/** One notification's payload to what it names. */
export function parseSiteChange(payload: string | undefined): TSiteChange {
  const slugs = (payload ?? "").split(" ").filter(Boolean);
  return slugs.length === 0 || slugs.includes("*") ? "*" : slugs;
}

export interface TSiteChangeListener {
  /** Resolves once the first LISTEN is in place. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/** LISTENs on its own connection, reconnecting after a drop (then reporting "*"). */
export function listenForSiteChanges(options: {
  /** Default: DATABASE_URL. */
  databaseUrl?: string;
  onChange: (change: TSiteChange) => void;
  onError?: (error: unknown) => void;
  retryMs?: number;
}): TSiteChangeListener {
  let client: pg.Client | null = null;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;
  let first: (() => void) | null = null;
  const ready = new Promise<void>((resolve) => (first = resolve));

  const connect = async () => {
    if (closed) return;
    const next = new pg.Client({ connectionString: options.databaseUrl ?? readDbEnv().DATABASE_URL });
    client = next;
    next.on("notification", (message) => {
      if (message.channel === SITE_PAGES_CHANNEL) options.onChange(parseSiteChange(message.payload));
    });
    next.on("error", (error) => retry(next, error));
    next.on("end", () => retry(next, null));
    try {
      await next.connect();
      await next.query(`LISTEN ${SITE_PAGES_CHANNEL}`);
      // Anything may have changed while no one listened.
      options.onChange("*");
      first?.();
      first = null;
    } catch (error) {
      retry(next, error);
    }
  };

  const retry = (failed: pg.Client, error: unknown) => {
    if (error) options.onError?.(error);
    if (closed || client !== failed || timer) return;
    client = null;
    failed.end().catch(() => {});
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, options.retryMs ?? 1_000);
  };

  void connect();
  return {
    ready,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await client?.end().catch(() => {});
    },
  };
}
