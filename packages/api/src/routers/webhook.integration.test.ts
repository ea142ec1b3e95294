import { describe, expect, it } from "vitest";
import { useHarness } from "../testing/harness.ts";
import { fanOutWebhook } from "../services/webhooks/fan-out.ts";
import { orderWebhook } from "../services/webhooks/build-payload.ts";
import { systemClock } from "../clock.ts";
import { uniqueSuffix } from "@marquee/db/testing";

// The console's webhook procedures: SSRF refusals with the flag off (as in production), the secret
// answered once, and another organisation's ids refused.

const h = useHarness();
const PUBLIC_URL = "https://93.184.215.14/marquee-hook";

describe("webhook router", () => {
  it("refuses private, loopback and link-local URLs with WEBHOOK_URL_FORBIDDEN (422) and creates nothing", async () => {
    const { organizationId, caller } = await h.memberOf("OWNER");
    for (const url of ["https://127.0.0.1/hook", "https://10.0.0.8/hook", "https://169.254.169.254/", "https://[::1]/hook", "https://localhost/hook"])
      await expect(caller.webhook.create({ organizationId, url, events: ["order.paid"] })).rejects.toMatchObject({
        cause: { code: "WEBHOOK_URL_FORBIDDEN", status: 422 },
      });
    expect(await h.db.webhookEndpoint.count({ where: { organizationId } })).toBe(0);
  });

  it("answers the secret once: list, update and the stored row never show it", async () => {
    const { organizationId, caller } = await h.memberOf("ADMIN");
    const { endpoint, secret } = await caller.webhook.create({ organizationId, url: PUBLIC_URL, events: ["order.paid", "event.sold_out"], description: "CRM" });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const listed = await caller.webhook.list({ organizationId });
    expect(listed.endpoints.map((e) => e.id)).toEqual([endpoint.id]);
    const updated = await caller.webhook.update({ organizationId, endpointId: endpoint.id, events: ["order.refunded"], enabled: false });
    expect(updated).toMatchObject({ events: ["order.refunded"], enabled: false });
    const row = await h.db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    for (const shown of [JSON.stringify(listed), JSON.stringify(updated), JSON.stringify(row)]) expect(shown).not.toContain(secret.slice(6));
    await expect(caller.webhook.update({ organizationId, endpointId: endpoint.id, url: "https://192.168.0.10/x" })).rejects.toMatchObject({
      cause: { code: "WEBHOOK_URL_FORBIDDEN" },
    });
    const audit = await h.db.auditLog.findMany({ where: { organizationId, targetId: endpoint.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((entry) => entry.action)).toEqual(["webhook.create", "webhook.update"]);
  });

  it("refuses another organisation's endpoints and deliveries (NOT_FOUND) and changes nothing there", async () => {
    const a = await h.memberOf("OWNER");
    const b = await h.memberOf("OWNER");
    const { endpoint } = await a.caller.webhook.create({ organizationId: a.organizationId, url: PUBLIC_URL, events: ["order.paid"] });
    const event = await h.make.event(a.organizationId, (await h.make.venue(a.organizationId)).id);
    const order = await h.db.order.create({
      data: {
        reference: `MQ-${uniqueSuffix()}`,
        organizationId: a.organizationId,
        eventId: event.id,
        status: "PAID",
        buyerName: "A",
        buyerEmail: `a-${uniqueSuffix()}@example.test`,
        currency: "EUR",
        subtotalMinor: 100,
        totalMinor: 100,
      },
    });
    await fanOutWebhook({ db: h.db, clock: systemClock, queues: h.queues }, await orderWebhook(h.db, "order.paid", order.id), `outbox-${uniqueSuffix()}`);
    const delivery = await h.db.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } });
    const o = b.organizationId;
    const refusals = [
      () => b.caller.webhook.update({ organizationId: o, endpointId: endpoint.id, enabled: false }),
      () => b.caller.webhook.delete({ organizationId: o, endpointId: endpoint.id }),
      () => b.caller.webhook.rotateSecret({ organizationId: o, endpointId: endpoint.id }),
      () => b.caller.webhook.deliveries({ organizationId: o, endpointId: endpoint.id }),
      () => b.caller.webhook.delivery({ organizationId: o, deliveryId: delivery.id }),
      () => b.caller.webhook.redeliver({ organizationId: o, deliveryId: delivery.id }),
    ];
    for (const call of refusals) await expect(call()).rejects.toMatchObject({ cause: { code: "NOT_FOUND" } });
    // B's organizationId with A's session is FORBIDDEN; B's own log is empty.
    await expect(a.caller.webhook.list({ organizationId: o })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await b.caller.webhook.deliveries({ organizationId: o })).deliveries).toEqual([]);
    expect(await h.db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).toMatchObject({ enabled: true, previousSecretCiphertext: null });
    expect(await h.db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({ status: "PENDING" });
    // A sees its log and the delivery's detail.
    const log = await a.caller.webhook.deliveries({ organizationId: a.organizationId, endpointId: endpoint.id });
    expect(log.deliveries.map((d) => d.id)).toEqual([delivery.id]);
    const detail = await a.caller.webhook.delivery({ organizationId: a.organizationId, deliveryId: delivery.id });
    expect(detail).toMatchObject({ delivery: { eventType: "order.paid" }, attempts: [] });
  });

  it("is for owners and admins only (webhook.manage)", async () => {
    for (const role of ["BOX_OFFICE", "DOOR_STAFF", "SUPPORT_AGENT"] as const) {
      const { organizationId, caller } = await h.memberOf(role);
      await expect(caller.webhook.list({ organizationId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });
});
