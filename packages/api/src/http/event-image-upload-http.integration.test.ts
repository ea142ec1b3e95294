import type { TeamRole } from "@marquee/db";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionFromRequest } from "../auth/session-from-request.ts";
import { sessionCookieName } from "../auth/options.ts";
import { createLocalFileStore } from "../services/files/local-file-store.ts";
import { MAX_EVENT_IMAGE_BYTES } from "../services/event-image/event-image-files.ts";
import { TEST_AUTH_SECRET, sessionCookie, useHarness } from "../testing/harness.ts";
import { BODY_LIMITS } from "./body-limit.ts";
import { parseTrustedProxies } from "./client-ip.ts";
import { EVENT_IMAGE_UPLOAD_PATH, handleEventImageUpload, type TEventImageUploadDeps } from "./event-image-upload-http.ts";

const h = useHarness();
let root: string;
let deps: TEventImageUploadDeps;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "marquee-image-upload-"));
  deps = {
    db: h.db,
    files: createLocalFileStore(root),
    trustedProxies: parseTrustedProxies(""),
    // The console's real session check: the signed cookie, re-read against the database.
    sessionOf: (headers) => sessionFromRequest({ db: h.db, secret: TEST_AUTH_SECRET, cookieName: sessionCookieName("admin", false), app: "admin" }, headers),
  };
});
afterAll(() => rm(root, { recursive: true, force: true }));

const png = () =>
  sharp({ create: { width: 640, height: 360, channels: 3, background: "#0f766e" } })
    .png()
    .toBuffer();

interface TCall {
  organizationId: string;
  eventId: string;
  cookie?: string;
  method?: "POST" | "DELETE";
  form?: FormData;
  headers?: Record<string, string>;
}

async function call({ organizationId, eventId, cookie, method = "POST", form, headers = {} }: TCall) {
  const url = `http://localhost:3001${EVENT_IMAGE_UPLOAD_PATH}?${new URLSearchParams({ organizationId, eventId }).toString()}`;
  const req = new Request(url, { method, body: form, headers: { ...(cookie ? { cookie } : {}), "sec-fetch-site": "same-origin", ...headers } });
  const response = await handleEventImageUpload(deps, req);
  return { status: response.status, body: (await response.json()) as { error?: { code: string; details?: Record<string, unknown> }; image?: unknown } };
}

const upload = (bytes: Uint8Array, alt = "The band on stage", type = "image/png", name = "poster.png") => {
  const form = new FormData();
  form.set("image", new Blob([new Uint8Array(bytes)], { type }), name);
  form.set("alt", alt);
  return form;
};

/** An event, a member of its organisation in the role, and that member's console cookie. */
async function eventWithMember(role: TeamRole) {
  const { organization, event } = await h.make.gaEvent();
  const member = await h.make.member(organization.id, role);
  return { organizationId: organization.id, eventId: event.id, userId: member.id, cookie: await sessionCookie(member.id, { app: "admin" }) };
}

const imageOf = (eventId: string) =>
  h.db.event.findUniqueOrThrow({ where: { id: eventId }, select: { imageKey: true, imageAlt: true, imageWidth: true, imageHeight: true } });
const auditOf = (eventId: string) =>
  h.db.auditLog.findMany({ where: { targetType: "event", targetId: eventId }, orderBy: { id: "asc" }, select: { action: true, actorId: true, data: true } });

describe("the console's event image route", () => {
  it("an owner uploads an image with its description and removes it, each audited", async () => {
    const target = await eventWithMember("OWNER");
    const uploaded = await call({ ...target, form: upload(await png(), "  The band on stage ") });
    expect(uploaded).toMatchObject({ status: 200, body: { image: { width: 640, height: 360 } } });
    const stored = await imageOf(target.eventId);
    expect(stored).toMatchObject({
      imageKey: expect.stringMatching(`^images/events/${target.organizationId}/`),
      imageAlt: "The band on stage",
      imageWidth: 640,
    });

    // The organiser's event read answers the image as the shop serves it.
    const caller = await h.callerAs(target.userId, { app: "admin" });
    const detail = await caller.event.detail({ organizationId: target.organizationId, eventId: target.eventId });
    expect(detail.image).toMatchObject({
      alt: "The band on stage",
      width: 640,
      height: 360,
      url: expect.stringMatching(/^\/api\/images\/events\/.+\/640\.webp$/),
    });

    expect(await call({ ...target, method: "DELETE" })).toMatchObject({ status: 200, body: { image: null } });
    expect(await imageOf(target.eventId)).toEqual({ imageKey: null, imageAlt: "", imageWidth: null, imageHeight: null });
    // Removing again changes nothing and writes no second entry.
    expect((await call({ ...target, method: "DELETE" })).status).toBe(200);
    expect(await auditOf(target.eventId)).toEqual([
      { action: "event.image-set", actorId: target.userId, data: expect.objectContaining({ before: null, after: stored.imageKey, alt: "The band on stage" }) },
      { action: "event.image-remove", actorId: target.userId, data: { before: stored.imageKey } },
    ]);
  });

  it("refuses a file that is not an image by its bytes, one too large, a missing description and a non-multipart body; nothing changes", async () => {
    const target = await eventWithMember("ADMIN");
    const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><script>alert(1)</script></svg>`);
    const huge = Buffer.concat([await png(), Buffer.alloc(MAX_EVENT_IMAGE_BYTES)]);
    const cases: [TCall, number, string][] = [
      // Named and labelled a PNG, but its bytes are SVG.
      [{ ...target, form: upload(svg) }, 415, "UNSUPPORTED_MEDIA_TYPE"],
      [{ ...target, form: upload(huge) }, 413, "PAYLOAD_TOO_LARGE"],
      [{ ...target, form: upload(await png(), "   ") }, 400, "VALIDATION_ERROR"],
      [{ ...target, form: upload(await png(), "x".repeat(301)) }, 400, "VALIDATION_ERROR"],
      [{ ...target, form: new FormData() }, 400, "VALIDATION_ERROR"],
    ];
    for (const [request, status, code] of cases) {
      const answer = await call(request);
      expect(answer, code).toMatchObject({ status, body: { error: { code } } });
    }
    // A body declared larger than the cap is refused before it is read.
    const declared = new Request(`http://localhost:3001${EVENT_IMAGE_UPLOAD_PATH}?${new URLSearchParams(target).toString()}`, {
      method: "POST",
      body: "x",
      headers: { cookie: target.cookie, "content-type": "multipart/form-data; boundary=x", "content-length": String(BODY_LIMITS.eventImage + 1) },
    });
    expect((await handleEventImageUpload(deps, declared)).status).toBe(413);
    const json = await call({ ...target, headers: { "content-type": "application/json" } });
    expect(json).toMatchObject({ status: 415, body: { error: { code: "UNSUPPORTED_MEDIA_TYPE" } } });
    expect((await imageOf(target.eventId)).imageKey).toBeNull();
    expect(await auditOf(target.eventId)).toEqual([]);
  });

  it("refuses another organisation's event, roles without event.manage, no session and cross-site calls", async () => {
    const owner = await eventWithMember("OWNER");
    const other = await h.make.gaEvent();
    const form = async () => upload(await png());
    // Another organisation's event under the owner's own organisation: not found; naming the other organisation: forbidden.
    expect(await call({ ...owner, eventId: other.event.id, form: await form() })).toMatchObject({ status: 404, body: { error: { code: "NOT_FOUND" } } });
    expect(await call({ ...owner, organizationId: other.organization.id, eventId: other.event.id, form: await form() })).toMatchObject({
      status: 403,
      body: { error: { code: "FORBIDDEN" } },
    });
    expect(await call({ ...owner, eventId: other.event.id, method: "DELETE" })).toMatchObject({ status: 404 });
    for (const role of ["BOX_OFFICE", "SUPPORT_AGENT", "DOOR_STAFF"] as const) {
      const member = await eventWithMember(role);
      expect(await call({ ...member, form: await form() }), role).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
      expect(await call({ ...member, method: "DELETE" }), role).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
    }
    expect(await call({ ...owner, cookie: undefined, form: await form() })).toMatchObject({ status: 401, body: { error: { code: "UNAUTHORIZED" } } });
    // The shop's session cookie under the console's name is no console session.
    const shopCookie = await sessionCookie(owner.userId, { app: "web", cookieApp: "admin" });
    expect(await call({ ...owner, cookie: shopCookie, form: await form() })).toMatchObject({ status: 401 });
    expect(await call({ ...owner, form: await form(), headers: { "sec-fetch-site": "cross-site" } })).toMatchObject({
      status: 403,
      body: { error: { code: "CSRF_REJECTED" } },
    });
    expect((await imageOf(other.event.id)).imageKey).toBeNull();
    expect((await imageOf(owner.eventId)).imageKey).toBeNull();
    expect(await auditOf(other.event.id)).toEqual([]);
  });
});
