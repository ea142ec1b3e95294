import { describe, expect, it } from "vitest";
import { appOpenApiJson } from "../http/rest-app.ts";
import { useHarness } from "../testing/harness.ts";
import { restClient } from "../testing/rest-client.ts";

// The booking operations of the public API end to end over REST: cart, hold with an
// Idempotency-Key, availability, release; and the document that describes them.

const h = useHarness();

const rest = restClient(h);

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});

describe("REST booking operations", () => {
  it("create a cart, hold with an idempotency key (replayed, mismatch refused), read availability, release", async () => {
    const { event, ticketType } = await h.make.gaEvent({ capacity: 5 });

    const cart = await rest("/api/v1/carts", json({}));
    expect(cart.status).toBe(201);
    const token = String(cart.body.token);

    const holdBody = { items: [{ ticketTypeId: ticketType.id, quantity: 2 }] };
    const headers = { "x-cart-token": token, "idempotency-key": `k-${crypto.randomUUID()}` };
    const first = await rest(`/api/v1/events/${event.id}/holds`, json(holdBody, headers));
    expect(first.status).toBe(201);
    const replay = await rest(`/api/v1/events/${event.id}/holds`, json(holdBody, headers));
    expect(replay).toEqual(first);
    const mismatch = await rest(`/api/v1/events/${event.id}/holds`, json({ items: [{ ticketTypeId: ticketType.id, quantity: 1 }] }, headers));
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.error?.code).toBe("IDEMPOTENCY_MISMATCH");
    expect(await h.db.hold.count({ where: { eventId: event.id } })).toBe(1);

    const availability = await rest(`/api/v1/events/${event.id}/availability`);
    expect(availability.status).toBe(200);
    expect(availability.body.ticketTypes).toEqual([{ ticketTypeId: ticketType.id, available: 3 }]);

    const holdId = String(first.body.id);
    expect((await rest(`/api/v1/holds/${holdId}`, { headers: { "x-cart-token": token } })).body).toMatchObject({ id: holdId, status: "ACTIVE" });
    expect((await rest(`/api/v1/holds/${holdId}`, { method: "DELETE", headers: { "x-cart-token": token } })).body).toMatchObject({ status: "RELEASED" });
    expect((await rest(`/api/v1/events/${event.id}/availability`)).body.ticketTypes).toEqual([{ ticketTypeId: ticketType.id, available: 5 }]);
  });

  it("answer SOLD_OUT, CART_REQUIRED and VALIDATION_ERROR with their codes and change nothing", async () => {
    const { event, ticketType } = await h.make.gaEvent({ capacity: 1 });
    const token = String((await rest("/api/v1/carts", json({}))).body.token);

    const noCart = await rest(`/api/v1/events/${event.id}/holds`, json({ items: [{ ticketTypeId: ticketType.id, quantity: 1 }] }));
    expect([noCart.status, noCart.body.error?.code]).toEqual([401, "CART_REQUIRED"]);
    const tooMany = await rest(`/api/v1/events/${event.id}/holds`, json({ items: [{ ticketTypeId: ticketType.id, quantity: 2 }] }, { "x-cart-token": token }));
    expect([tooMany.status, tooMany.body.error?.code]).toEqual([409, "SOLD_OUT"]);
    const bad = await rest(`/api/v1/events/${event.id}/holds`, json({ items: [{ ticketTypeId: "nope", quantity: -1 }] }, { "x-cart-token": token }));
    expect([bad.status, bad.body.error?.code]).toEqual([400, "VALIDATION_ERROR"]);
    expect(await h.db.hold.count({ where: { eventId: event.id } })).toBe(0);
  });

  it("are described in the OpenAPI document with the issue's operation ids", () => {
    const document = JSON.parse(appOpenApiJson("http://localhost:3000")) as { paths: Record<string, Record<string, { operationId: string }>> };
    const operationIds = Object.values(document.paths).flatMap((operations) => Object.values(operations).map((operation) => operation.operationId));
    expect(operationIds).toEqual(expect.arrayContaining(["createCart", "listEvents", "getEvent", "getAvailability", "createHold", "getHold", "releaseHold"]));
  });
});
