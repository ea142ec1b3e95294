import { describe, expect, it } from "vitest";
import { z } from "zod";
import { BODY_LIMITS } from "../http/body-limit.ts";
import {
  appOpenApiJson,
  deviceOpenApiJson,
  handleAppRestRequest,
  handleDeviceRestRequest,
  restRequestFromFetch,
  restResponseToFetch,
} from "../http/rest-app.ts";
import { signingPublisher } from "../services/checkin/devices/device-test-kit.ts";
import { makeApiToken } from "../testing/api-token.ts";
import { useHarness } from "../testing/harness.ts";
import { createTRPCRouter, publicProcedure } from "../trpc.ts";
import { createRestHandler } from "./handler.ts";
import { openapi } from "./meta.ts";
import { collectOperations } from "./registry.ts";

// Door check-in over REST: the organiser operations with an API token, the device operations with a
// device credential, on the API (handleAppRestRequest) and on the scanner's own origin (handleDeviceRestRequest).

const h = useHarness();
type THandler = typeof handleAppRestRequest;
/** What the tests read of the answers. */
interface TBody {
  error?: { code: string };
  credential?: string;
  payload?: { token: string };
  device?: { id: string };
  auth?: string;
}

function client(handler: THandler, ip: string | null = null) {
  return async (path: string, init: RequestInit = {}) => {
    const req = new Request(`http://localhost:3002${path}`, init);
    const response = restResponseToFetch(await handler(restRequestFromFetch(req, ip), h.httpDeps({ realtime: signingPublisher() })), req.method);
    return { status: response.status, headers: response.headers, body: (await response.json()) as TBody };
  };
}
const api = client(handleAppRestRequest);
const scannerOrigin = client(handleDeviceRestRequest);
const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const channelForm = (eventId: string, credential?: string): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded", ...(credential ? bearer(credential) : {}) },
  body: new URLSearchParams({ socket_id: "1234.5678", channel_name: `private-checkin-${eventId}` }).toString(),
});

describe("the check-in REST operations end to end", () => {
  it("creates a device with an organiser token, pairs it on the scanner's origin, signs its channel, and refuses it once revoked", async () => {
    const { organization, event } = await h.make.gaEvent();
    const admin = await makeApiToken(h, organization.id, "ADMIN");
    const door = await makeApiToken(h, organization.id, "DOOR_STAFF");

    expect((await api("/api/v1/organization/checkin/devices", json({ name: "Gate", eventIds: [event.id] }, bearer(door.token)))).status).toBe(403);
    const created = await api("/api/v1/organization/checkin/devices", json({ name: "Turnstile 1", gate: "East", eventIds: [event.id] }, bearer(admin.token)));
    expect(created).toMatchObject({ status: 201, body: { device: { name: "Turnstile 1", status: "PENDING" }, payload: { v: 1, token: expect.any(String) } } });

    const paired = await scannerOrigin("/api/v1/checkin/pair", json({ token: created.body.payload!.token, appVersion: "turnstile-9" }));
    expect(paired).toMatchObject({ status: 200, body: { credential: expect.stringMatching(/^mq_dev_/), device: { gate: "East", eventIds: [event.id] } } });
    expect(await scannerOrigin("/api/v1/checkin/pair", json({ token: created.body.payload!.token }))).toMatchObject({
      status: 410,
      body: { error: { code: "PAIRING_TOKEN_INVALID" } },
    });
    const credential = paired.body.credential as string;

    // pusher-js posts channel auth as a form; on both origins.
    for (const call of [api, scannerOrigin]) {
      expect(await call("/api/v1/checkin/realtime/auth", channelForm(event.id, credential))).toMatchObject({ status: 200, body: { auth: expect.any(String) } });
    }
    const missing = await scannerOrigin("/api/v1/checkin/realtime/auth", channelForm(event.id));
    expect(missing).toMatchObject({ status: 401, body: { error: { code: "UNAUTHORIZED", details: { reason: "missing" } } } });
    expect(missing.headers.get("www-authenticate")).toBe('Bearer realm="marquee-checkin-device"');
    // An organiser token is no device credential.
    expect((await scannerOrigin("/api/v1/checkin/realtime/auth", channelForm(event.id, admin.token))).status).toBe(401);

    const revoked = await api(`/api/v1/organization/checkin/devices/${created.body.device!.id}/revoke`, json({}, bearer(admin.token)));
    expect(revoked).toMatchObject({ status: 200, body: { status: "REVOKED" } });
    const refused = await scannerOrigin("/api/v1/checkin/realtime/auth", channelForm(event.id, credential));
    expect(refused).toMatchObject({ status: 401, body: { error: { code: "DEVICE_REVOKED" } } });
    expect(refused.headers.get("www-authenticate")).toBe('Bearer realm="marquee-checkin-device"');
  });

  it("refuses another organisation's device and events to an organiser token", async () => {
    const a = await h.make.gaEvent();
    const b = await h.make.gaEvent();
    const aToken = await makeApiToken(h, a.organization.id, "ADMIN");
    const bToken = await makeApiToken(h, b.organization.id, "ADMIN");
    expect((await api("/api/v1/organization/checkin/devices", json({ name: "X", eventIds: [b.event.id] }, bearer(aToken.token)))).status).toBe(404);
    const created = await api("/api/v1/organization/checkin/devices", json({ name: "B's", eventIds: [b.event.id] }, bearer(bToken.token)));
    expect((await api(`/api/v1/organization/checkin/devices/${created.body.device!.id}/revoke`, json({}, bearer(aToken.token)))).status).toBe(404);
    expect(await h.db.checkinDevice.findUniqueOrThrow({ where: { id: created.body.device!.id } })).toMatchObject({ status: "PENDING" });
  });

  it("serves only the device operations on the scanner's origin", async () => {
    expect((await scannerOrigin("/api/v1/events")).status).toBe(404);
    expect((await scannerOrigin("/api/v1/organization")).status).toBe(404);
    expect((await scannerOrigin("/api/v1/checkin/pair", json({ token: "" }))).body).toMatchObject({ error: { code: "VALIDATION_ERROR" } });
  });

  it("limits pairing attempts per client address (429 with Retry-After)", async () => {
    const fromOneAddress = client(handleDeviceRestRequest, "203.0.113.77");
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 11; attempt++) statuses.push((await fromOneAddress("/api/v1/checkin/pair", json({ token: "0000-0000-0000" }))).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(410));
    const limited = await fromOneAddress("/api/v1/checkin/pair", json({ token: "0000-0000-0000" }));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await client(handleDeviceRestRequest, "203.0.113.78")("/api/v1/checkin/pair", json({ token: "0000-0000-0000" }))).status).toBe(410);
  });
});

describe("the OpenAPI documents", () => {
  it("describe the device operations with the deviceCredential scheme (pairDevice needs none) and the organiser ones with the token", () => {
    const document = JSON.parse(appOpenApiJson("http://localhost:3000"));
    expect(document.components.securitySchemes.deviceCredential).toMatchObject({ type: "http", scheme: "bearer" });
    expect(document.paths["/checkin/pair"].post).toMatchObject({ operationId: "pairDevice", tags: ["checkin-device"], security: [{}] });
    expect(document.paths["/checkin/realtime/auth"].post).toMatchObject({
      operationId: "authorizeCheckinChannel",
      security: [{ deviceCredential: [] }],
      responses: { "401": expect.any(Object) },
    });
    expect(document.paths["/checkin/realtime/auth"].post.requestBody.content["application/x-www-form-urlencoded"]).toBeDefined();
    expect(document.paths["/organization/checkin/devices"].post).toMatchObject({
      operationId: "createCheckinDevice",
      tags: ["organizer-checkin"],
      security: [{ organizationToken: [] }],
      responses: { "201": expect.any(Object) },
    });
    expect(document.paths["/organization/checkin/devices/{deviceId}/revoke"].post.operationId).toBe("revokeCheckinDevice");
    const scanner = JSON.parse(deviceOpenApiJson("http://localhost:3002"));
    expect(scanner.servers).toEqual([{ url: "http://localhost:3002/api/v1" }]);
    expect(Object.keys(scanner.paths).every((path) => path.startsWith("/checkin/"))).toBe(true);
  });
});

describe("per-operation body caps (maxBodyBytes)", () => {
  const echo = z.object({ text: z.string() });
  const router = createTRPCRouter({
    small: publicProcedure
      .meta(openapi({ method: "POST", path: "/small", operationId: "small", summary: "Default cap" }))
      .input(echo)
      .mutation(({ input }) => ({ length: input.text.length })),
    batch: publicProcedure
      .meta(openapi({ method: "POST", path: "/batch", operationId: "batch", summary: "Own cap", maxBodyBytes: 256 * 1024 }))
      .input(echo)
      .mutation(({ input }) => ({ length: input.text.length })),
  });
  const capped = client(createRestHandler(router));
  const body = (bytes: number) => json({ text: "x".repeat(bytes) });

  it("reads an operation's body with its own cap, and every other with the REST default", async () => {
    expect(await capped("/api/v1/batch", body(200 * 1024))).toMatchObject({ status: 200, body: { length: 200 * 1024 } });
    expect(await capped("/api/v1/small", body(200 * 1024))).toMatchObject({
      status: 413,
      body: { error: { code: "PAYLOAD_TOO_LARGE", details: { limitBytes: BODY_LIMITS.rest } } },
    });
    expect(await capped("/api/v1/batch", body(300 * 1024))).toMatchObject({ status: 413, body: { error: { details: { limitBytes: 256 * 1024 } } } });
    const document = (await import("./openapi-document.ts")).createOpenApiDocument(router, { serverUrl: "http://localhost:3000" });
    expect(document.paths["/batch"]!.post).toMatchObject({ "x-max-body-bytes": 256 * 1024 });
  });

  it("refuses a cap above BODY_LIMITS.restOperationMax when the router is collected", () => {
    const tooBig = createTRPCRouter({
      huge: publicProcedure
        .meta(openapi({ method: "POST", path: "/huge", operationId: "huge", summary: "Too big", maxBodyBytes: BODY_LIMITS.restOperationMax + 1 }))
        .input(echo)
        .mutation(() => null),
    });
    expect(() => collectOperations(tooBig)).toThrow(/maxBodyBytes/);
  });
});
