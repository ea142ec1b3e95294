// checkinDevice.upload against real PostgreSQL: nonces recorded once, the conflict rule in both
// upload orders, annulments, supervisor overrides, other organisations' codes and lists.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { useHarness } from "../../../testing/harness.ts";
import { checkinEvent, pairedDevice } from "../checkin-test-kit.ts";

const h = useHarness();

const nonce = () => randomBytes(12).toString("base64url");
const scanOf = (code: string, listId: string, scannedAt: Date, extra: Record<string, unknown> = {}) => ({
  nonce: nonce(),
  code,
  listId,
  scannedAt,
  deviceResult: "ACCEPTED" as const,
  offline: true,
  ...extra,
});
const outboxCount = (aggregateId: string) => h.db.outboxEvent.count({ where: { topic: "checkin.scan-recorded", aggregateId } });

describe("checkinDevice.upload", () => {
  it("records each nonce once: a retried scan and a batch uploaded twice change nothing", async () => {
    const kit = await checkinEvent(h);
    const { caller, device } = await pairedDevice(h, { organizationId: kit.organization.id, eventIds: [kit.event.id], gate: "North gate" });
    const batch = { scans: kit.tickets.slice(0, 2).map((ticket, i) => scanOf(ticket.signedCode, kit.list.id, new Date(kit.doorsAt.getTime() + i * 1000))) };
    const first = await caller.checkinDevice.upload(batch);
    expect(first.results.map((result) => [result.new, result.result, result.conflict])).toEqual([
      [true, "ACCEPTED", false],
      [true, "ACCEPTED", false],
    ]);
    const again = await caller.checkinDevice.upload(batch);
    expect(again.results).toEqual(first.results.map((result) => ({ ...result, new: false })));
    // The same nonce twice in one batch is one scan too.
    const twice = scanOf(kit.tickets[2]!.signedCode, kit.list.id, kit.doorsAt);
    const dup = await caller.checkinDevice.upload({ scans: [twice, twice] });
    expect(dup.results.map((result) => result.new)).toEqual([true, false]);
    expect(dup.results[0]!.scanId).toBe(dup.results[1]!.scanId);

    const scans = await h.db.scan.findMany({ where: { deviceId: device.id } });
    expect(scans).toHaveLength(3);
    expect(scans[0]).toMatchObject({ gate: "North gate", deviceResult: "ACCEPTED", offline: true, code: null, kind: "ENTRY", listId: kit.list.id });
    for (const scan of scans) expect(await outboxCount(scan.id)).toBe(1);
    const ticket = await h.db.ticket.findUniqueOrThrow({ where: { id: kit.tickets[0]!.id } });
    expect(ticket.checkedInAt).toEqual(kit.doorsAt);
  });

  it("gives the server's verdicts: already used, typed short code, revoked, forged (code kept), failed scans stored", async () => {
    const kit = await checkinEvent(h);
    const { caller } = await pairedDevice(h, { organizationId: kit.organization.id, eventIds: [kit.event.id] });
    await h.db.ticket.update({ where: { id: kit.tickets[1]!.id }, data: { status: "REVOKED", revokedAt: new Date() } });
    const at = (s: number) => new Date(kit.doorsAt.getTime() + s * 1000);
    const signed = kit.tickets[2]!.signedCode;
    // One character of the signature changed: still a well-formed code.
    const forged = `${signed.slice(0, -10)}${signed.at(-10) === "A" ? "B" : "A"}${signed.slice(-9)}`;
    const { results } = await caller.checkinDevice.upload({
      scans: [
        scanOf(kit.tickets[0]!.signedCode, kit.list.id, at(1)),
        scanOf(kit.tickets[0]!.shortCode, kit.list.id, at(2), { deviceResult: "ALREADY_USED" }),
        scanOf(kit.tickets[1]!.signedCode, kit.list.id, at(3), { deviceResult: "REVOKED" }),
        scanOf(forged, kit.list.id, at(4), { deviceResult: "INVALID_SIGNATURE" }),
        scanOf("hello", kit.list.id, at(5), { deviceResult: "MALFORMED" }),
        scanOf(kit.tickets[2]!.shortCode.toLowerCase(), kit.list.id, at(6)),
      ],
    });
    expect(results.map((result) => result.result)).toEqual(["ACCEPTED", "ALREADY_USED", "REVOKED", "INVALID_SIGNATURE", "MALFORMED", "ACCEPTED"]);
    // The device's own repeat is no double entry.
    expect(results[1]).toMatchObject({ conflict: false, previous: { scannedAt: at(1) } });
    const stored = await h.db.scan.findMany({ where: { nonce: { in: results.map((result) => result.nonce) } }, orderBy: { scannedAt: "asc" } });
    expect(stored.map((scan) => [scan.ticketId !== null, scan.code])).toEqual([
      [true, null],
      [true, null],
      [true, null],
      [false, forged],
      [false, "hello"],
      [true, null],
    ]);
  });

  it("two devices admit one ticket offline: one admission and one conflict, whichever uploads first", async () => {
    for (const order of ["earlier first", "later first"] as const) {
      const kit = await checkinEvent(h);
      const north = await pairedDevice(h, { organizationId: kit.organization.id, eventIds: [kit.event.id], gate: "North", name: "North 1" });
      const south = await pairedDevice(h, { organizationId: kit.organization.id, eventIds: [kit.event.id], gate: "South", name: "South 1" });
      const code = kit.tickets[0]!.signedCode;
      const early = scanOf(code, kit.list.id, new Date(kit.doorsAt.getTime() + 1000));
      const late = scanOf(code, kit.list.id, new Date(kit.doorsAt.getTime() + 60_000));
      const uploads =
        order === "earlier first"
          ? [() => north.caller.checkinDevice.upload({ scans: [early] }), () => south.caller.checkinDevice.upload({ scans: [late] })]
          : [() => south.caller.checkinDevice.upload({ scans: [late] }), () => north.caller.checkinDevice.upload({ scans: [early] })];
      const answers = [];
      for (const upload of uploads) answers.push((await upload()).results[0]!);
      const admission = await h.db.scan.findUniqueOrThrow({ where: { nonce: early.nonce } });
      const doubleEntry = await h.db.scan.findUniqueOrThrow({ where: { nonce: late.nonce } });
      expect(admission).toMatchObject({ result: "ACCEPTED", conflict: false, gate: "North" });
      expect(doubleEntry).toMatchObject({ result: "ALREADY_USED", conflict: true, conflictWithScanId: admission.id, deviceResult: "ACCEPTED", gate: "South" });
      expect((await h.db.ticket.findUniqueOrThrow({ where: { id: kit.tickets[0]!.id } })).checkedInAt).toEqual(early.scannedAt);
      if (order === "earlier first")
        expect(answers[1]).toMatchObject({ result: "ALREADY_USED", conflict: true, previous: { gate: "North", deviceName: "North 1" } });
      else {
        expect(answers[0]).toMatchObject({ result: "ACCEPTED", conflict: false });
        // The flipped admission is announced again so online devices drop it.
        expect(await outboxCount(doubleEntry.id)).toBe(2);
      }
      const conflicts = await h.db.scan.count({ where: { ticketId: kit.tickets[0]!.id, conflict: true } });
      expect(conflicts).toBe(1);
    }
  });

  it("serialises two devices uploading one ticket at the same moment: still one admission and one conflict", async () => {
    const kit = await checkinEvent(h);
    const north = await pairedDevice(h, { organizationId: kit.organization.id, eventIds: [kit.event.id], gate: "North" });
    const south = await pairedDevice(h, { organizationId: kit.organization.id, eventIds: [kit.event.id], gate: "South" });
    const code = kit.tickets[0]!.signedCode;
    const early = scanOf(code, kit.list.id, new Date(kit.doorsAt.getTime() + 1000));
    const late = scanOf(code, kit.list.id, new Date(kit.doorsAt.getTime() + 2000));
    await Promise.all([south.caller.checkinDevice.upload({ scans: [late] }), north.caller.checkinDevice.upload({ scans: [early] })]);
    const scans = await h.db.scan.findMany({ where: { ticketId: kit.tickets[0]!.id }, orderBy: { scannedAt: "asc" } });
    expect(scans.map((scan) => [scan.gate, scan.result, scan.conflict])).toEqual([
      ["North", "ACCEPTED", false],
      ["South", "ALREADY_USED", true],
    ]);
  });

  it("undoes the device's own scan within two minutes, once; refuses others' scans and late undos", async () => {
    const kit = await checkinEvent(h);
    const { caller } = await pairedDevice(h, { organizationId: kit.organization.id, eventIds: [kit.event.id] });
    const other = await pairedDevice(h, { organizationId: kit.organization.id, eventIds: [kit.event.id] });
    const first = scanOf(kit.tickets[0]!.signedCode, kit.list.id, kit.doorsAt);
    const second = scanOf(kit.tickets[1]!.signedCode, kit.list.id, kit.doorsAt);
    await caller.checkinDevice.upload({ scans: [first, second] });
    const undo = await caller.checkinDevice.upload({
      scans: [],
      annulments: [
        { nonce: first.nonce, annulledAt: new Date(kit.doorsAt.getTime() + 30_000) },
        { nonce: second.nonce, annulledAt: new Date(kit.doorsAt.getTime() + 3 * 60_000) },
        { nonce: nonce(), annulledAt: kit.doorsAt },
      ],
    });
    expect(undo.annulments).toEqual([
      { nonce: first.nonce, annulled: true, reason: null },
      { nonce: second.nonce, annulled: false, reason: "TOO_LATE" },
      { nonce: expect.any(String), annulled: false, reason: "NOT_FOUND" },
    ]);
    const annulled = await h.db.scan.findUniqueOrThrow({ where: { nonce: first.nonce } });
    expect(annulled.annulledAt).not.toBeNull();
    expect((await h.db.ticket.findUniqueOrThrow({ where: { id: kit.tickets[0]!.id } })).checkedInAt).toBeNull();
    expect(await outboxCount(annulled.id)).toBe(2);
    const repeat = await caller.checkinDevice.upload({ scans: [], annulments: [{ nonce: first.nonce, annulledAt: kit.doorsAt }] });
    expect(repeat.annulments[0]).toEqual({ nonce: first.nonce, annulled: true, reason: null });
    expect((await h.db.scan.findUniqueOrThrow({ where: { nonce: first.nonce } })).annulledAt).toEqual(annulled.annulledAt);
    const foreign = await other.caller.checkinDevice.upload({ scans: [], annulments: [{ nonce: second.nonce, annulledAt: kit.doorsAt }] });
    expect(foreign.annulments[0]).toMatchObject({ annulled: false, reason: "NOT_OWN_SCAN" });
    // The undone admission no longer counts: the ticket is admitted again.
    const back = await caller.checkinDevice.upload({ scans: [scanOf(kit.tickets[0]!.signedCode, kit.list.id, new Date(kit.doorsAt.getTime() + 60_000))] });
    expect(back.results[0]!.result).toBe("ACCEPTED");
  });

  it("overrides only from a supervisor device, with the reason recorded and audited", async () => {
    const kit = await checkinEvent(h);
    await h.db.ticket.update({ where: { id: kit.tickets[0]!.id }, data: { status: "REVOKED", revokedAt: new Date() } });
    const scanner = await pairedDevice(h, { organizationId: kit.organization.id, eventIds: [kit.event.id] });
    const supervisor = await pairedDevice(h, { organizationId: kit.organization.id, eventIds: [kit.event.id], role: "SUPERVISOR" });
    const override = { override: { reason: "Refund was a mistake, checked with the box office" }, deviceResult: "REVOKED" };
    const refused = scanOf(kit.tickets[0]!.signedCode, kit.list.id, kit.doorsAt, override);
    await expect(scanner.caller.checkinDevice.upload({ scans: [refused] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await h.db.scan.count({ where: { nonce: refused.nonce } })).toBe(0);

    const allowed = scanOf(kit.tickets[0]!.signedCode, kit.list.id, kit.doorsAt, override);
    const { results } = await supervisor.caller.checkinDevice.upload({ scans: [allowed] });
    expect(results[0]).toMatchObject({ result: "ACCEPTED", new: true });
    expect(await h.db.scan.findUniqueOrThrow({ where: { nonce: allowed.nonce } })).toMatchObject({
      result: "ACCEPTED",
      overrideReason: override.override.reason,
    });
    const audit = await h.db.auditLog.findFirstOrThrow({ where: { action: "checkin.override", targetId: results[0]!.scanId } });
    expect(audit).toMatchObject({ organizationId: kit.organization.id, actorKind: "device" });
  });

  it("refuses what is not the device's: another organisation's codes and lists, a revoked device, attendee search for scanners", async () => {
    const kit = await checkinEvent(h);
    const otherKit = await checkinEvent(h);
    const { caller, device } = await pairedDevice(h, { organizationId: kit.organization.id, eventIds: [kit.event.id] });
    const foreignCode = scanOf(otherKit.tickets[0]!.signedCode, kit.list.id, kit.doorsAt);
    const foreignList = scanOf(kit.tickets[0]!.signedCode, otherKit.list.id, kit.doorsAt);
    const foreignShort = scanOf(otherKit.tickets[1]!.shortCode, kit.list.id, kit.doorsAt);
    const { results } = await caller.checkinDevice.upload({ scans: [foreignCode, foreignList, foreignShort] });
    expect(results.map((result) => result.result)).toEqual(["INVALID_SIGNATURE", "WRONG_EVENT", "UNKNOWN_TICKET"]);
    const stored = await h.db.scan.findUniqueOrThrow({ where: { nonce: foreignList.nonce } });
    expect(stored).toMatchObject({ eventId: kit.event.id, listId: null, ticketId: null });
    expect(await h.db.scan.count({ where: { eventId: otherKit.event.id } })).toBe(0);

    await expect(caller.checkinDevice.attendees({ q: "Grace" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const supervisor = await pairedDevice(h, { organizationId: kit.organization.id, eventIds: [kit.event.id], role: "SUPERVISOR" });
    const found = await supervisor.caller.checkinDevice.attendees({ q: "grace hop" });
    expect(found.attendees.length).toBeGreaterThan(0);
    expect(found.attendees.every((attendee) => attendee.eventId === kit.event.id)).toBe(true);
    expect((await supervisor.caller.checkinDevice.attendees({ q: kit.order.reference })).attendees).toHaveLength(kit.tickets.length);

    await h.db.checkinDevice.update({ where: { id: device.id }, data: { status: "REVOKED", revokedAt: new Date() } });
    await expect(caller.checkinDevice.upload({ scans: [scanOf(kit.tickets[0]!.signedCode, kit.list.id, kit.doorsAt)] })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });
});
