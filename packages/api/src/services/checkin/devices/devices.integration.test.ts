import { describe, expect, it } from "vitest";
import { fixedClock } from "../../../clock.ts";
import { useHarness } from "../../../testing/harness.ts";
import { PAIRING_HANDSHAKE_VERSION } from "../checkin-schemas.ts";
import { checkinOrganisation, deviceCallerFor, signingPublisher } from "./device-test-kit.ts";
import { secretDigest } from "./device-secret.ts";

// Scanner devices: the console creates, rolls and revokes them; a phone pairs with a one-time token.

const h = useHarness();
const pair = (token: string, options: Parameters<typeof deviceCallerFor>[2] = {}) =>
  deviceCallerFor(h, null, options).checkinPairing.pair({ token, appVersion: "1.2.3" });
const channel = (eventId: string) => ({ socket_id: "1234.5678", channel_name: `private-checkin-${eventId}` });

describe("creating and pairing a device", () => {
  it("answers a PENDING device with a versioned pairing payload; the token pairs once and only its digest is stored", async () => {
    const { organizationId, eventId, caller, ownerId } = await checkinOrganisation(h);
    const pairing = await caller.checkin.createDevice({ organizationId, name: "North gate phone", gate: "North gate", eventIds: [eventId] });
    expect(pairing.device).toMatchObject({
      name: "North gate phone",
      gate: "North gate",
      role: "SCANNER",
      status: "PENDING",
      eventIds: [eventId],
      scanCount: 0,
    });
    expect(pairing.token).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(pairing.payload).toEqual({ v: PAIRING_HANDSHAKE_VERSION, url: "http://localhost:3002", token: pairing.token });
    expect(JSON.parse(pairing.qrText)).toEqual(pairing.payload);
    expect(pairing.expiresAt.getTime() - Date.now()).toBeGreaterThan(14 * 60_000);
    const stored = await h.db.checkinDevice.findUniqueOrThrow({ where: { id: pairing.device.id } });
    expect(stored).toMatchObject({ createdById: ownerId, tokenHash: null });
    expect(JSON.stringify(stored)).not.toContain(pairing.token.replaceAll("-", ""));

    // Typed sloppily: lower case, spaces instead of dashes.
    const paired = await pair(pairing.token.toLowerCase().replaceAll("-", " "));
    expect(paired.credential).toMatch(/^mq_dev_[\w-]{43}$/);
    expect(paired.device).toMatchObject({ id: pairing.device.id, organizationId, gate: "North gate", role: "SCANNER", eventIds: [eventId] });
    expect(await h.db.checkinDevice.findUniqueOrThrow({ where: { id: pairing.device.id } })).toMatchObject({
      status: "ACTIVE",
      tokenHash: secretDigest(paired.credential),
      pairingTokenHash: null,
      appVersion: "1.2.3",
    });
    await expect(pair(pairing.token)).rejects.toMatchObject({ cause: { code: "PAIRING_TOKEN_INVALID", status: 410 } });

    const [listed] = await caller.checkin.devices({ organizationId });
    expect(listed).toMatchObject({ id: pairing.device.id, status: "ACTIVE", appVersion: "1.2.3", pairingExpiresAt: null });
    expect((await h.db.auditLog.findMany({ where: { targetId: pairing.device.id }, orderBy: { createdAt: "asc" } })).map((entry) => entry.action)).toEqual([
      "checkin-device.create",
      "checkin-device.pair",
    ]);
  });

  it("refuses an unknown, a malformed and an expired token with 410 PAIRING_TOKEN_INVALID", async () => {
    const { organizationId, eventId, caller } = await checkinOrganisation(h);
    const { token, device } = await caller.checkin.createDevice({ organizationId, name: "Late phone", eventIds: [eventId] });
    await expect(pair("0000-0000-0000")).rejects.toMatchObject({ cause: { code: "PAIRING_TOKEN_INVALID" } });
    await expect(pair("not a token")).rejects.toMatchObject({ cause: { code: "PAIRING_TOKEN_INVALID" } });
    const later = fixedClock(new Date(Date.now() + 15 * 60_000 + 1000));
    await expect(pair(token, { clock: later })).rejects.toMatchObject({ cause: { code: "PAIRING_TOKEN_INVALID" } });
    expect(await h.db.checkinDevice.findUniqueOrThrow({ where: { id: device.id } })).toMatchObject({ status: "PENDING", tokenHash: null });
  });

  it("gives one of two phones racing with the same token the device; the other is refused", async () => {
    const { organizationId, eventId, caller } = await checkinOrganisation(h);
    const { token, device } = await caller.checkin.createDevice({ organizationId, name: "Contested", eventIds: [eventId] });
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => pair(token)));
    const won = results.filter((result) => result.status === "fulfilled");
    expect(won).toHaveLength(1);
    for (const result of results) if (result.status === "rejected") expect(result.reason).toMatchObject({ cause: { code: "PAIRING_TOKEN_INVALID" } });
    const stored = await h.db.checkinDevice.findUniqueOrThrow({ where: { id: device.id } });
    expect(stored.tokenHash).toBe(secretDigest((won[0] as PromiseFulfilledResult<{ credential: string }>).value.credential));
  });

  it("refuses events and lists of another organisation (NOT_FOUND), and lists of another event", async () => {
    const a = await checkinOrganisation(h);
    const b = await checkinOrganisation(h);
    const [bList] = await b.caller.checkin.lists({ organizationId: b.organizationId, eventId: b.eventId });
    const spare = await h.make.event(a.organizationId, a.venueId);
    const [spareList] = await a.caller.checkin.lists({ organizationId: a.organizationId, eventId: spare.id });
    const create = (eventIds: string[], listIds: string[] = []) =>
      a.caller.checkin.createDevice({ organizationId: a.organizationId, name: "X", eventIds, listIds });
    await expect(create([b.eventId])).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(create([a.eventId], [bList!.id])).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(create([a.eventId], [spareList!.id])).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(a.caller.checkin.createDevice({ organizationId: b.organizationId, name: "X", eventIds: [b.eventId] })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await create([a.eventId, spare.id], [spareList!.id])).toMatchObject({ device: { eventIds: [a.eventId, spare.id], listIds: [spareList!.id] } });
    expect(await h.db.checkinDevice.count({ where: { organizationId: { in: [a.organizationId, b.organizationId] } } })).toBe(1);
  });
});

describe("revoking and rolling", () => {
  it("revokes a device: its next contact is DEVICE_REVOKED; another organisation cannot revoke it", async () => {
    const { organizationId, eventId, caller } = await checkinOrganisation(h);
    const other = await checkinOrganisation(h);
    const { token, device } = await caller.checkin.createDevice({ organizationId, name: "Lost phone", eventIds: [eventId] });
    const { credential } = await pair(token);
    const scanner = deviceCallerFor(h, credential, { realtime: signingPublisher() });
    expect((await scanner.checkinPairing.authorize(channel(eventId))).auth).toMatch(/^checkin-test-key:[0-9a-f]{64}$/);

    await expect(other.caller.checkin.revokeDevice({ organizationId: other.organizationId, deviceId: device.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(other.caller.checkin.rollDevice({ organizationId: other.organizationId, deviceId: device.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(other.caller.checkin.revokeDevice({ organizationId, deviceId: device.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await scanner.checkinPairing.authorize(channel(eventId))).auth).toBeTruthy();

    expect(await caller.checkin.revokeDevice({ organizationId, deviceId: device.id })).toMatchObject({ status: "REVOKED", revokedAt: expect.any(Date) });
    await expect(scanner.checkinPairing.authorize(channel(eventId))).rejects.toMatchObject({ code: "UNAUTHORIZED", cause: { code: "DEVICE_REVOKED" } });
    await expect(caller.checkin.rollDevice({ organizationId, deviceId: device.id })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await h.db.auditLog.count({ where: { targetId: device.id, action: "checkin-device.revoke" } })).toBe(1);
  });

  it("rolls a credential: the old one is UNAUTHORIZED at once, the new pairing works", async () => {
    const { organizationId, eventId, caller } = await checkinOrganisation(h);
    const created = await caller.checkin.createDevice({ organizationId, name: "Gate 2", eventIds: [eventId] });
    const first = await pair(created.token);
    const rolled = await caller.checkin.rollDevice({ organizationId, deviceId: created.device.id });
    expect(rolled).toMatchObject({ device: { id: created.device.id, status: "PENDING" } });
    expect(rolled.token).not.toBe(created.token);
    await expect(deviceCallerFor(h, first.credential).checkinPairing.authorize(channel(eventId))).rejects.toMatchObject({
      code: "UNAUTHORIZED",
      cause: { code: "UNAUTHORIZED", details: { reason: "unknown" } },
    });
    const second = await pair(rolled.token);
    expect(second.credential).not.toBe(first.credential);
    expect((await deviceCallerFor(h, second.credential, { realtime: signingPublisher() }).checkinPairing.authorize(channel(eventId))).auth).toBeTruthy();
    expect(await h.db.auditLog.count({ where: { targetId: created.device.id, action: "checkin-device.roll" } })).toBe(1);
  });

  it("signs only the device's own events' check-in channels", async () => {
    const { organizationId, eventId, venueId, caller } = await checkinOrganisation(h);
    const otherEvent = await h.make.event(organizationId, venueId);
    const { token } = await caller.checkin.createDevice({ organizationId, name: "One event", eventIds: [eventId] });
    const scanner = deviceCallerFor(h, (await pair(token)).credential, { realtime: signingPublisher() });
    await expect(scanner.checkinPairing.authorize(channel(otherEvent.id))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(scanner.checkinPairing.authorize({ socket_id: "1234.5678", channel_name: `private-org-${organizationId}` })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(deviceCallerFor(h, null).checkinPairing.authorize(channel(eventId))).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("lists devices newest first, filtered by event, for device.manage only", async () => {
    const { organizationId, eventId, venueId, caller } = await checkinOrganisation(h);
    const spare = await h.make.event(organizationId, venueId);
    await caller.checkin.createDevice({ organizationId, name: "Spare", eventIds: [spare.id] });
    const { device } = await caller.checkin.createDevice({ organizationId, name: "Main", eventIds: [eventId] });
    expect((await caller.checkin.devices({ organizationId })).map((d) => d.name)).toEqual(["Main", "Spare"]);
    expect((await caller.checkin.devices({ organizationId, eventId })).map((d) => d.id)).toEqual([device.id]);
    const other = await checkinOrganisation(h);
    await expect(caller.checkin.devices({ organizationId, eventId: other.eventId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const boxOffice = await h.callerAs((await h.make.member(organizationId, "BOX_OFFICE")).id, { app: "admin" });
    await expect(boxOffice.checkin.devices({ organizationId })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("a signed-in member registering their own phone (checkinRouter.checkin.registerDevice)", () => {
  it("gives door staff an ACTIVE scanner with a credential, refuses them a supervisor, and revokes it when they leave", async () => {
    const { organizationId, eventId, caller } = await checkinOrganisation(h);
    const staff = await h.make.member(organizationId, "DOOR_STAFF", { name: "Dana Door" });
    const scannerApp = await h.callerAs(staff.id, { app: "checkin" });
    const registered = await scannerApp.checkin.registerDevice({ organizationId, name: "Dana's phone", eventIds: [eventId], appVersion: "2.0.0" });
    expect(registered.device).toMatchObject({ organizationId, name: "Dana's phone", role: "SCANNER", eventIds: [eventId] });
    expect(await h.db.checkinDevice.findUniqueOrThrow({ where: { id: registered.device.id } })).toMatchObject({
      status: "ACTIVE",
      userId: staff.id,
      createdById: staff.id,
      tokenHash: secretDigest(registered.credential),
    });
    const [listed] = await caller.checkin.devices({ organizationId });
    expect(listed).toMatchObject({ id: registered.device.id, registeredBy: "Dana Door", status: "ACTIVE" });
    const scanner = deviceCallerFor(h, registered.credential, { realtime: signingPublisher() });
    expect((await scanner.checkinPairing.authorize(channel(eventId))).auth).toBeTruthy();

    await expect(scannerApp.checkin.registerDevice({ organizationId, name: "Boss", role: "SUPERVISOR", eventIds: [eventId] })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const other = await checkinOrganisation(h);
    await expect(scannerApp.checkin.registerDevice({ organizationId, name: "Theirs", eventIds: [other.eventId] })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(scannerApp.checkin.registerDevice({ organizationId: other.organizationId, name: "X", eventIds: [other.eventId] })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await h.db.checkinDevice.count({ where: { userId: staff.id } })).toBe(1);

    await h.db.membership.deleteMany({ where: { userId: staff.id, organizationId } });
    await expect(scanner.checkinPairing.authorize(channel(eventId))).rejects.toMatchObject({ cause: { code: "DEVICE_REVOKED" } });
  });

  it("lets box office register a supervisor device, and refuses support agents (no checkin.scan)", async () => {
    const { organizationId, eventId } = await checkinOrganisation(h);
    const boxOffice = await h.callerAs((await h.make.member(organizationId, "BOX_OFFICE")).id, { app: "checkin" });
    expect((await boxOffice.checkin.registerDevice({ organizationId, name: "Desk", role: "SUPERVISOR", eventIds: [eventId] })).device.role).toBe("SUPERVISOR");
    const agent = await h.callerAs((await h.make.member(organizationId, "SUPPORT_AGENT")).id, { app: "checkin" });
    await expect(agent.checkin.registerDevice({ organizationId, name: "No", eventIds: [eventId] })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("the console's check-in channel (adminRouter.realtime.authorize)", () => {
  it("signs private-checkin-<eventId> for members who may scan or view, only for the organisation's events", async () => {
    const { organizationId, eventId } = await checkinOrganisation(h);
    const other = await checkinOrganisation(h);
    const as = async (role: "DOOR_STAFF" | "SUPPORT_AGENT" | "BOX_OFFICE") => {
      const member = await h.make.member(organizationId, role);
      return h.callerAs(member.id, { app: "admin" });
    };
    for (const role of ["DOOR_STAFF", "SUPPORT_AGENT", "BOX_OFFICE"] as const) {
      const caller = await as(role);
      // Without a publisher the answer is REALTIME_UNAVAILABLE: the checks passed.
      await expect(caller.realtime.authorize({ organizationId, ...channel(eventId) })).rejects.toMatchObject({ cause: { code: "REALTIME_UNAVAILABLE" } });
      await expect(caller.realtime.authorize({ organizationId, ...channel(other.eventId) })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    // Door staff still cannot have the dashboard channel (event.view).
    const door = await as("DOOR_STAFF");
    await expect(door.realtime.authorize({ organizationId, socket_id: "1234.5678", channel_name: `private-org-${organizationId}` })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});
