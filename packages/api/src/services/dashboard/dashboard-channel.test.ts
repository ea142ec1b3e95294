import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createDashboardNotifier, DASHBOARD_CHANGED_EVENT, dashboardChannel } from "./dashboard-channel.ts";
import { recordingRealtime } from "./dashboard-test-kit.ts";

const ORG_A = "0190f0c0-0000-7000-8000-00000000000a";
const ORG_B = "0190f0c0-0000-7000-8000-00000000000b";

describe("dashboard notifier", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("sends the first change at once, then at most one message per second per organisation with every event that changed", async () => {
    const realtime = recordingRealtime();
    const notifier = createDashboardNotifier(realtime, { intervalMs: 1_000, now: () => Date.now() });
    notifier.changed(ORG_A, "e1");
    notifier.changed(ORG_A, "e2");
    notifier.changed(ORG_A, "e3");
    notifier.changed(ORG_A, "e2");
    notifier.changed(ORG_B, "e9");
    expect(realtime.sent.map((m) => [m.channel, (m.data as { eventIds: string[] }).eventIds])).toEqual([
      [dashboardChannel(ORG_A), ["e1"]],
      [dashboardChannel(ORG_B), ["e9"]],
    ]);
    await vi.advanceTimersByTimeAsync(999);
    expect(realtime.sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(realtime.sent).toHaveLength(3);
    expect(realtime.sent[2]).toMatchObject({
      channel: dashboardChannel(ORG_A),
      event: DASHBOARD_CHANGED_EVENT,
      data: { organizationId: ORG_A, eventIds: ["e2", "e3"] },
    });
    // Quiet for a second: the next change goes out at once again.
    await vi.advanceTimersByTimeAsync(1_000);
    notifier.changed(ORG_A, "e4");
    expect(realtime.sent).toHaveLength(4);
  });

  it("flush sends what waits, and a failed publish is reported, not thrown", async () => {
    const failures: unknown[] = [];
    const realtime = { ...recordingRealtime(), trigger: () => Promise.reject(new Error("soketi down")) };
    const notifier = createDashboardNotifier(realtime, { onError: (error) => failures.push(error) });
    notifier.changed(ORG_A, "e1");
    notifier.changed(ORG_A, "e2");
    await notifier.flush();
    expect(failures).toHaveLength(2);
  });
});
