import { describe, expect, it } from "vitest";
import { useHarness } from "../../testing/harness.ts";
import { auditActorOf, recordAudit } from "./record-audit.ts";

const h = useHarness();

describe("the audit log", () => {
  it("records who, what, on what and from where; an API token is named as the actor", async () => {
    const organization = await h.make.organization();
    const owner = await h.make.member(organization.id, "OWNER");
    const session = { id: owner.id, email: owner.email, name: null, platformRole: "USER" as const, memberships: [] };
    await h.db.$transaction((tx) =>
      recordAudit(tx, {
        organizationId: organization.id,
        actor: auditActorOf({ session, request: { ip: "203.0.113.7" } as never }),
        action: "event.publish",
        targetType: "event",
        targetId: "e-1",
        data: { status: { from: "DRAFT", to: "PUBLISHED" } },
      }),
    );
    await h.db.$transaction((tx) =>
      recordAudit(tx, {
        organizationId: organization.id,
        actor: auditActorOf({ session: { ...session, apiToken: { id: "tok-1", name: "Box office sync" } }, request: { ip: null } as never }),
        action: "order.refund",
        targetType: "order",
        targetId: "o-1",
        data: { amountCents: 1500 },
      }),
    );
    const entries = await h.db.auditLog.findMany({ where: { organizationId: organization.id }, orderBy: { id: "asc" } });
    expect(entries).toMatchObject([
      { actorId: owner.id, actorKind: "user", action: "event.publish", targetId: "e-1", ip: "203.0.113.7" },
      { actorId: null, actorKind: "api-token", action: "order.refund", data: { amountCents: 1500, credentialId: "tok-1" } },
    ]);
  });

  it("is append-only: an entry cannot be changed or deleted, but survives its organisation and actor", async () => {
    const organization = await h.make.organization();
    const owner = await h.make.member(organization.id, "OWNER");
    const entry = await h.db.auditLog.create({
      data: { organizationId: organization.id, actorId: owner.id, action: "export.attendees", targetType: "event", targetId: "e-2" },
    });
    await expect(h.db.auditLog.update({ where: { id: entry.id }, data: { action: "nothing.happened" } })).rejects.toThrow(/append-only/);
    await expect(h.db.auditLog.delete({ where: { id: entry.id } })).rejects.toThrow(/append-only/);
    await expect(h.db.auditLog.deleteMany({ where: { organizationId: organization.id } })).rejects.toThrow(/append-only/);

    await h.db.membership.deleteMany({ where: { userId: owner.id } });
    await h.db.user.delete({ where: { id: owner.id } });
    await h.db.organization.delete({ where: { id: organization.id } });
    expect(await h.db.auditLog.findUniqueOrThrow({ where: { id: entry.id } })).toMatchObject({
      organizationId: null,
      actorId: null,
      action: "export.attendees",
    });
  });
});
