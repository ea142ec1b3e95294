// The scanner's sync, upload, stats and search over REST (the scanner's own origin), and the
// console's stats and conflicts with an organiser token.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { handleAppRestRequest, handleDeviceRestRequest, restRequestFromFetch, restResponseToFetch } from "../../../http/rest-app.ts";
import { makeApiToken } from "../../../testing/api-token.ts";
import { useHarness } from "../../../testing/harness.ts";
import { checkinEvent, pairedDevice } from "../checkin-test-kit.ts";

const h = useHarness();

/** The few fields the test reads; toMatchObject checks the rest. */
type TBody = Record<string, unknown> & { cursor: string; tickets: unknown[]; attendees: unknown[] };

function client(handler: typeof handleAppRestRequest) {
  return async (path: string, init: RequestInit = {}) => {
    const req = new Request(`http://localhost:3002${path}`, init);
    const response = restResponseToFetch(await handler(restRequestFromFetch(req, null), h.httpDeps()), req.method);
    return { status: response.status, body: (await response.json()) as TBody };
  };
}
const api = client(handleAppRestRequest);
const scanner = client(handleDeviceRestRequest);
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

describe("check-in scans over REST", () => {
  it("syncs, uploads, counts and searches with a device credential; the console reads stats and conflicts with a token", async () => {
    const kit = await checkinEvent(h);
    const { credential } = await pairedDevice(h, { organizationId: kit.organization.id, eventIds: [kit.event.id], gate: "East" });
    const supervisor = await pairedDevice(h, { organizationId: kit.organization.id, eventIds: [kit.event.id], role: "SUPERVISOR" });

    const data = await scanner("/api/v1/checkin/data?limit=2", { headers: auth(credential) });
    expect(data).toMatchObject({ status: 200, body: { full: true, hasMore: true } });
    expect(data.body.tickets).toHaveLength(2);
    const next = await scanner(`/api/v1/checkin/data?cursor=${encodeURIComponent(data.body.cursor)}&limit=2`, { headers: auth(credential) });
    expect(next).toMatchObject({ status: 200, body: { full: false, hasMore: false } });

    const scan = {
      nonce: randomBytes(12).toString("base64url"),
      code: kit.tickets[0]!.signedCode,
      listId: kit.list.id,
      scannedAt: kit.doorsAt.toISOString(),
      deviceResult: "ACCEPTED",
    };
    const upload = () =>
      scanner("/api/v1/checkin/scans", {
        method: "POST",
        headers: { ...auth(credential), "content-type": "application/json" },
        body: JSON.stringify({ scans: [scan] }),
      });
    expect(await upload()).toMatchObject({ status: 200, body: { results: [{ nonce: scan.nonce, new: true, result: "ACCEPTED" }] } });
    expect(await upload()).toMatchObject({ status: 200, body: { results: [{ nonce: scan.nonce, new: false, result: "ACCEPTED" }] } });
    const bad = await scanner("/api/v1/checkin/scans", {
      method: "POST",
      headers: { ...auth(credential), "content-type": "application/json" },
      body: JSON.stringify({ scans: [{ ...scan, nonce: "short" }] }),
    });
    expect(bad.status).toBe(400);

    expect(await scanner("/api/v1/checkin/stats", { headers: auth(credential) })).toMatchObject({
      status: 200,
      body: { events: [{ eventId: kit.event.id, total: { admitted: 1 }, gates: [{ gate: "East" }] }] },
    });
    expect((await scanner("/api/v1/checkin/attendees?q=Grace", { headers: auth(credential) })).status).toBe(403);
    expect((await scanner("/api/v1/checkin/attendees?q=Grace", { headers: auth(supervisor.credential) })).body.attendees.length).toBeGreaterThan(0);
    expect((await scanner("/api/v1/checkin/data")).status).toBe(401);

    const token = await makeApiToken(h, kit.organization.id, "ADMIN");
    expect(await api(`/api/v1/organization/events/${kit.event.id}/checkin/stats`, { headers: auth(token.token) })).toMatchObject({
      status: 200,
      body: { events: [{ total: { admitted: 1, conflicts: 0 } }] },
    });
    expect(await api(`/api/v1/organization/events/${kit.event.id}/checkin/conflicts`, { headers: auth(token.token) })).toMatchObject({
      status: 200,
      body: { conflicts: [], nextCursor: null },
    });
    const stranger = await makeApiToken(h, (await h.make.organization()).id, "ADMIN");
    expect((await api(`/api/v1/organization/events/${kit.event.id}/checkin/stats`, { headers: auth(stranger.token) })).status).toBe(404);
  });
});
