import { describe, expect, it } from "vitest";
import { appOpenApiJson } from "../http/rest-app.ts";
import { useHarness } from "../testing/harness.ts";
import { restClient } from "../testing/rest-client.ts";

// The public REST surface as integrators see it: /api/v1 paths, plain JSON, { error: { code, message } }.

const h = useHarness();
const HOUR = 3_600_000;

const rest = restClient(h);

async function publishedEvent() {
  const { organization, venue, event, ticketType } = await h.make.gaEvent({ capacity: 40, priceMinor: 3900 });
  await h.db.event.update({ where: { id: event.id }, data: { maxPerOrder: 6, maxPerBuyer: 8, name: `REST ${event.slug}` } });
  return { organization, venue, event: { ...event, name: `REST ${event.slug}` }, ticketType };
}

describe("REST listEvents", () => {
  it("GET /api/v1/events lists published events with query parameters coerced from text", async () => {
    const { event, venue } = await publishedEvent();
    const { status, headers, body } = await rest(`/api/v1/events?search=${encodeURIComponent(event.name)}&limit=5`);
    expect(status).toBe(200);
    expect(headers.get("content-type")).toMatch(/^application\/json/);
    expect(body).toEqual([
      expect.objectContaining({
        id: event.id,
        slug: event.slug,
        name: event.name,
        venue: { name: venue.name, city: "Berlin" },
        minPriceMinor: 3900,
        startsAt: event.startsAt.toISOString(),
      }),
    ]);
  });

  it("works without any parameters", async () => {
    const { status, body } = await rest("/api/v1/events");
    expect(status).toBe(200);
    expect(Array.isArray(body)).toBe(true);
  });
});

describe("REST getEvent", () => {
  it("GET /api/v1/events/{id} and /{slug} answer the event with venue, ticket types, prices and limits", async () => {
    const { event, ticketType } = await publishedEvent();
    const byId = await rest(`/api/v1/events/${event.id}`);
    expect(byId.status).toBe(200);
    expect(byId.body).toMatchObject({
      id: event.id,
      slug: event.slug,
      maxPerOrder: 6,
      maxPerBuyer: 8,
      holdTtlSeconds: 600,
      venue: { city: "Berlin", country: "DE" },
      ticketTypes: [{ id: ticketType.id, capacity: 40, minPerOrder: 1, prices: [{ name: "Regular", priceMinor: 3900, currency: "EUR" }] }],
    });
    const bySlug = await rest(`/api/v1/events/${event.slug}`);
    expect(bySlug.body).toEqual(byId.body);
  });

  it("answers unknown and unpublished events with 404 NOT_FOUND", async () => {
    const { organization, venue } = await publishedEvent();
    const draft = await h.make.event(organization.id, venue.id, { status: "DRAFT" });
    for (const idOrSlug of [crypto.randomUUID(), "no-such-event", draft.id, draft.slug]) {
      const { status, body } = await rest(`/api/v1/events/${idOrSlug}`);
      expect(status).toBe(404);
      expect(body).toEqual({ error: { code: "NOT_FOUND", message: "No such event." } });
    }
  });

  it("is also event.get over tRPC", async () => {
    const { event } = await publishedEvent();
    const caller = await h.callerAs(null);
    await expect(caller.event.get({ idOrSlug: event.slug })).resolves.toMatchObject({ id: event.id, saleState: "on-sale" });
    await expect(caller.event.get({ idOrSlug: "" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("reports the sale state from the clock", async () => {
    const { organization, venue } = await publishedEvent();
    const soon = await h.make.event(organization.id, venue.id, { onSaleAt: new Date(Date.now() + HOUR) });
    expect((await rest(`/api/v1/events/${soon.id}`)).body).toMatchObject({ saleState: "soon", ticketTypes: [] });
  });
});

describe("REST errors", () => {
  it.each([
    ["/api/v1/events?limit=lots", "limit"],
    ["/api/v1/events?limit=500", "limit"],
    ["/api/v1/events?limit=", "limit"],
    [`/api/v1/events/${"x".repeat(201)}`, "idOrSlug"],
  ])("answers bad input %s with 400 VALIDATION_ERROR naming the field", async (path, field) => {
    const { status, body } = await rest(path);
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: { code: "VALIDATION_ERROR", message: expect.any(String), issues: [expect.objectContaining({ path: field })] } });
  });

  it("answers a malformed path escape with 400, not 500", async () => {
    const { status, body } = await rest("/api/v1/events/%E0%A4%A");
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: { code: "VALIDATION_ERROR" } });
  });

  it("answers unknown endpoints with 404 and other methods with 405", async () => {
    expect(await rest("/api/v1/nothing-here")).toMatchObject({ status: 404, body: { error: { code: "NOT_FOUND" } } });
    expect(await rest("/api/v1/events", { method: "DELETE" })).toMatchObject({ status: 405, body: { error: { code: "METHOD_NOT_ALLOWED" } } });
  });
});

describe("OpenAPI document over the web origin", () => {
  it("names the public origin's /api/v1 as its server", () => {
    const document = JSON.parse(appOpenApiJson("http://localhost:3000")) as {
      servers: { url: string }[];
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    expect(document.servers).toEqual([{ url: "http://localhost:3000/api/v1" }]);
    expect(document.paths["/events"]?.get?.operationId).toBe("listEvents");
    expect(document.paths["/events/{idOrSlug}"]?.get?.operationId).toBe("getEvent");
  });

  it("describes every public booking operation", () => {
    const document = JSON.parse(appOpenApiJson("http://localhost:3000")) as {
      paths: Record<string, Record<string, { operationId: string; requestBody?: { content: Record<string, unknown> } }>>;
    };
    const ids = Object.values(document.paths).flatMap((methods) => Object.values(methods).map((operation) => operation.operationId));
    expect(ids).toEqual(
      expect.arrayContaining([
        "createCart",
        "listEvents",
        "getEvent",
        "getAvailability",
        "joinQueue",
        "getQueueStatus",
        "createHold",
        "getHold",
        "releaseHold",
        "authorizeChannel",
      ]),
    );
    expect(Object.keys(document.paths["/realtime/auth"]!.post!.requestBody!.content)).toEqual(["application/json", "application/x-www-form-urlencoded"]);
  });
});
