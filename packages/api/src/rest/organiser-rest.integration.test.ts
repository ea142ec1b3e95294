import { describe, expect, it } from "vitest";
import { appOpenApiJson } from "../http/rest-app.ts";
import { makeApiToken } from "../testing/api-token.ts";
import { sessionCookie, useHarness } from "../testing/harness.ts";
import { restClient } from "../testing/rest-client.ts";

// The organiser REST API: Authorization: Bearer <organisation API token>, and nothing else.

const h = useHarness();
const rest = restClient(h);
const bearer = (token: string, extra: Record<string, string> = {}) => ({ headers: { authorization: `Bearer ${token}`, ...extra } });

async function organisation(role: "ADMIN" | "BOX_OFFICE" | "SUPPORT_AGENT" | "DOOR_STAFF" = "ADMIN") {
  const organization = await h.make.organization();
  return { organization, ...(await makeApiToken(h, organization.id, role, { name: `Sync ${role}` })) };
}

describe("GET /api/v1/organization (getCurrentOrganization)", () => {
  it("answers the calling token's organisation, role and name, and records the use", async () => {
    const { organization, token, id } = await organisation("DOOR_STAFF");
    const { status, body } = await rest("/api/v1/organization", bearer(token));
    expect(status).toBe(200);
    expect(body).toEqual({ id: organization.id, name: organization.name, role: "DOOR_STAFF", apiToken: { id, name: "Sync DOOR_STAFF" } });
    const row = await h.db.apiToken.findUniqueOrThrow({ where: { id } });
    expect(row.lastUsedAt).not.toBeNull();
    // A read is audited once per token per hour: the second read adds no entry.
    await rest("/api/v1/organization", bearer(token));
    const uses = await h.db.auditLog.findMany({ where: { organizationId: organization.id, action: "api-token.use" } });
    expect(uses).toHaveLength(1);
    expect(uses[0]).toMatchObject({ actorKind: "api-token", targetId: id, data: { operationId: "getCurrentOrganization", status: 200, credentialId: id } });
  });

  it("is 401 UNAUTHORIZED with WWW-Authenticate without a token, with junk, an unknown, a revoked or an expired token", async () => {
    const { organization, token, id } = await organisation();
    const missing = await rest("/api/v1/organization");
    expect(missing).toMatchObject({ status: 401, body: { error: { code: "UNAUTHORIZED", details: { reason: "missing" } } } });
    expect(missing.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(await rest("/api/v1/organization", bearer("not-a-token"))).toMatchObject({ status: 401, body: { error: { details: { reason: "malformed" } } } });
    const unknown = `mq_org_${"A".repeat(43)}`;
    expect(await rest("/api/v1/organization", bearer(unknown))).toMatchObject({ status: 401, body: { error: { details: { reason: "unknown" } } } });

    const expiring = await makeApiToken(h, organization.id, "ADMIN", { expiresAt: new Date(Date.now() + 1500) });
    expect((await rest("/api/v1/organization", bearer(expiring.token))).status).toBe(200);
    await h.db.apiToken.update({ where: { id: expiring.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await rest("/api/v1/organization", bearer(expiring.token))).toMatchObject({ status: 401, body: { error: { details: { reason: "expired" } } } });

    const owner = await h.make.member(organization.id, "OWNER");
    const caller = await h.callerAs(owner.id, { app: "admin" });
    await caller.apiToken.revoke({ organizationId: organization.id, tokenId: id });
    expect(await rest("/api/v1/organization", bearer(token))).toMatchObject({
      status: 401,
      body: { error: { code: "UNAUTHORIZED", details: { reason: "revoked" } } },
    });
  });

  it("never acts on a console cookie, even next to a bad token", async () => {
    const organization = await h.make.organization();
    const owner = await h.make.member(organization.id, "OWNER");
    const cookie = await sessionCookie(owner.id, { app: "admin" });
    expect((await rest("/api/v1/organization", { headers: { cookie } })).status).toBe(401);
    expect((await rest(`/api/v1/organization?organizationId=${organization.id}`, { headers: { cookie, authorization: "Bearer junk" } })).status).toBe(401);
  });

  it("refuses another organisation's id in the input (FORBIDDEN) and a token whose organisation is gone", async () => {
    const { token } = await organisation();
    const other = await h.make.organization();
    expect(await rest(`/api/v1/organization?organizationId=${other.id}`, bearer(token))).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });

    const doomed = await organisation();
    expect((await rest("/api/v1/organization", bearer(doomed.token))).status).toBe(200);
    await h.db.membership.deleteMany({ where: { organizationId: doomed.organization.id } });
    await h.db.organization.delete({ where: { id: doomed.organization.id } });
    expect(await rest("/api/v1/organization", bearer(doomed.token))).toMatchObject({ status: 401, body: { error: { code: "UNAUTHORIZED" } } });
  });

  it("stops working when its creator can no longer manage the organisation", async () => {
    const { organization, token, creatorId } = await organisation();
    expect((await rest("/api/v1/organization", bearer(token))).status).toBe(200);
    await h.db.membership.update({ where: { userId_organizationId: { userId: creatorId, organizationId: organization.id } }, data: { role: "BOX_OFFICE" } });
    expect(await rest("/api/v1/organization", bearer(token))).toMatchObject({ status: 401, body: { error: { details: { reason: "creator-gone" } } } });
  });

  it("is rate limited per token", async () => {
    const { token, id } = await organisation();
    await h.redis.set(`${h.redisPrefix}:rl:api-token:token:${id}`, "100000", "EX", 60);
    const limited = await rest("/api/v1/organization", bearer(token));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  });
});

describe("the OpenAPI document", () => {
  const document = JSON.parse(appOpenApiJson("https://tickets.example")) as {
    paths: Record<string, Record<string, { operationId: string; security?: unknown[]; parameters?: { name: string }[] }>>;
    components: { securitySchemes: Record<string, { type: string; scheme?: string }> };
  };
  const operations = Object.values(document.paths).flatMap((byMethod) => Object.values(byMethod));

  it("declares the bearer scheme and puts security on every operation; organiser operations leave organizationId out", () => {
    expect(document.components.securitySchemes.organizationToken).toMatchObject({ type: "http", scheme: "bearer" });
    for (const operation of operations) expect(operation.security, operation.operationId).toBeDefined();
    const current = document.paths["/organization"]!.get!;
    expect(current).toMatchObject({ operationId: "getCurrentOrganization", security: [{ organizationToken: [] }] });
    expect(current.parameters ?? []).not.toContainEqual(expect.objectContaining({ name: "organizationId" }));
    expect(document.paths["/events"]!.get!.security).toEqual([{}]);
  });
});
