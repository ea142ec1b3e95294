import type { RealtimePublisher } from "../../realtime/publisher.ts";

/** The console's live channel of one organisation: "something on the dashboard changed". */
export const dashboardChannel = (organizationId: string) => `private-org-${organizationId}`;

export const DASHBOARD_CHANNEL_PATTERN = /^private-org-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export const DASHBOARD_CHANGED_EVENT = "dashboard.changed";

/** What the console receives: which events changed (it refetches those dashboards). */
export interface TDashboardChanged {
  organizationId: string;
  eventIds: string[];
}

export interface TDashboardNotifier {
  /** Notes a change; the channel hears of it at once, or at most `intervalMs` after its last message. */
  changed(organizationId: string, eventId: string): void;
  /** Sends what is still waiting (at shutdown). */
  flush(): Promise<void>;
}

/**
 * Throttles "dashboard changed" to one message per organisation channel per `intervalMs` (leading
 * edge at once, then one trailing message with every event that changed meanwhile), so a sale
 * burst costs Soketi one message a second, not one per order. A failed publish is logged and
 * dropped: the console also refetches on reconnect, and the data itself is in PostgreSQL.
 */
export function createDashboardNotifier(
  realtime: RealtimePublisher | null,
  options: { intervalMs?: number; onError?: (error: unknown) => void; now?: () => number } = {},
): TDashboardNotifier {
  const intervalMs = options.intervalMs ?? 1_000;
  const now = options.now ?? Date.now;
  const lastSent = new Map<string, number>();
  const pending = new Map<string, { eventIds: Set<string>; timer: NodeJS.Timeout }>();
  const inFlight = new Set<Promise<void>>();

  const send = (organizationId: string, eventIds: Set<string>) => {
    lastSent.set(organizationId, now());
    if (!realtime) return;
    const message: TDashboardChanged = { organizationId, eventIds: [...eventIds] };
    const sending = realtime
      .trigger(dashboardChannel(organizationId), DASHBOARD_CHANGED_EVENT, message)
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => inFlight.delete(sending));
    inFlight.add(sending);
  };

  const sendPending = (organizationId: string) => {
    const waiting = pending.get(organizationId);
    if (!waiting) return;
    clearTimeout(waiting.timer);
    pending.delete(organizationId);
    send(organizationId, waiting.eventIds);
  };

  return {
    changed(organizationId, eventId) {
      const waiting = pending.get(organizationId);
      if (waiting) {
        waiting.eventIds.add(eventId);
        return;
      }
      const wait = (lastSent.get(organizationId) ?? -Infinity) + intervalMs - now();
      if (wait <= 0) {
        send(organizationId, new Set([eventId]));
        return;
      }
      const timer = setTimeout(() => sendPending(organizationId), wait);
      timer.unref();
      pending.set(organizationId, { eventIds: new Set([eventId]), timer });
    },
    async flush() {
      for (const organizationId of [...pending.keys()]) sendPending(organizationId);
      await Promise.all([...inFlight]);
    },
  };
}
