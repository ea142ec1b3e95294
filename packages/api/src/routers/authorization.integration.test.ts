import { describe, expect, it } from "vitest";
import { useHarness } from "../testing/harness.ts";

// Tenant isolation and roles: organiser A never sees organiser B's data, and each team role
// reaches exactly its procedures.

const h = useHarness();

describe("organisation procedures", () => {
  it("serve members whose role allows it", async () => {
    const { organizationId, caller } = await h.memberOf("ADMIN");
    const venue = await h.make.venue(organizationId);
    const event = await h.make.event(organizationId, venue.id);
    await h.make.ticketType(event.id, { capacity: 250 });

    const events = await caller.event.listForOrganization({ organizationId });
    expect(events).toEqual([expect.objectContaining({ id: event.id, capacity: 250, ticketsSold: 0 })]);
  });

  it("refuse members of another organisation, with the same answer as for one that does not exist", async () => {
    const { caller } = await h.memberOf("OWNER");
    const other = await h.make.organization();
    await expect(caller.event.listForOrganization({ organizationId: other.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller.event.listForOrganization({ organizationId: crypto.randomUUID() })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("give door staff the scanner's events but not the console's", async () => {
    const { organizationId, userId, caller } = await h.memberOf("DOOR_STAFF", "checkin");
    const venue = await h.make.venue(organizationId);
    const event = await h.make.event(organizationId, venue.id);

    expect(await caller.checkin.events({ organizationId })).toEqual([expect.objectContaining({ id: event.id, ticketsIssued: 0, checkedIn: 0 })]);
    const consoleCaller = await h.callerAs(userId, { app: "admin" });
    await expect(consoleCaller.event.listForOrganization({ organizationId })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("keep support agents away from the scanner", async () => {
    const { organizationId, userId, caller } = await h.memberOf("SUPPORT_AGENT");
    const scanner = await h.callerAs(userId, { app: "checkin" });
    await expect(scanner.checkin.events({ organizationId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller.event.listForOrganization({ organizationId })).resolves.toEqual([]);
  });

  it("refuse anonymous callers and buyers", async () => {
    const organization = await h.make.organization();
    const anonymous = await h.callerAs(null, { app: "admin" });
    await expect(anonymous.event.listForOrganization({ organizationId: organization.id })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const buyer = await h.callerAs((await h.make.user()).id, { app: "admin" });
    await expect(buyer.event.listForOrganization({ organizationId: organization.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
