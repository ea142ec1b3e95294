import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TeamRole } from "@marquee/db";
import { TEST_TICKET_KEY_SECRET, uniqueSuffix } from "@marquee/db/testing";
import { TRPCError } from "@trpc/server";
import { afterAll, describe, expect, it, vi } from "vitest";
import { collectOperations, type RestOperation } from "./rest/registry.ts";
import { adminRouter } from "./root.ts";
import { makeApiToken } from "./testing/api-token.ts";
import { restoreWalkWebhook, type TWalkCase, type TWalkFixture, WALK_CASES, walkAllows } from "./testing/authorization-walk-cases.ts";
import { useHarness } from "./testing/harness.ts";
import { restClient } from "./testing/rest-client.ts";
import { issueTickets } from "./services/tickets/issue-tickets.ts";
import { ticketDeps } from "./services/tickets/tickets-test-kit.ts";
import { openConversation } from "./services/inbox/inbox-test-kit.ts";

// The isolation walk: EVERY procedure of the console's router and every organiser REST operation,
// called by each role of organisation A with A's ids (allowed exactly when the role has the
// capability), by A's owner with organisation B's ids and with B's organizationId (refused, nothing
// changed), and by a revoked token (401). A procedure without a case in WALK_CASES fails the walk.

const h = useHarness();
// order.reissueTicket re-signs with the key from the environment: the one the test kit's keys are encrypted with.
vi.stubEnv("TICKET_KEY_SECRET", TEST_TICKET_KEY_SECRET);
const rest = restClient(h);
const ROLES: TeamRole[] = ["OWNER", "ADMIN", "BOX_OFFICE", "SUPPORT_AGENT", "DOOR_STAFF"];
const TOKEN_ROLES = ["ADMIN", "BOX_OFFICE", "SUPPORT_AGENT", "DOOR_STAFF"] as const;
const procedures = Object.keys(adminRouter._def.procedures as Record<string, unknown>).sort();
const operations = collectOperations(adminRouter, "api-token");
const scoped = (path: string) => WALK_CASES[path] as TWalkCase;
const organisationProcedures = procedures.filter((path) => WALK_CASES[path] && WALK_CASES[path] !== "not-organisation-scoped");

/**
 * An organisation with an event (and a spare one to cancel), a paid order with a ticket, a pending
 * order, a pending refund request, a token to revoke, a spare venue, a seat map, a voucher, an open
 * invitation and a member whose role may change.
 */
async function tenant(): Promise<TWalkFixture> {
  const { organization, venue, event, ticketType } = await h.make.gaEvent({ capacity: 50, priceMinor: 2500 });
  const order = await h.db.order.create({
    data: {
      reference: `MQ-${uniqueSuffix()}`,
      organizationId: organization.id,
      eventId: event.id,
      status: "PAID",
      buyerName: "Walk Buyer",
      buyerEmail: `walk-${uniqueSuffix()}@example.test`,
      currency: "EUR",
      subtotalMinor: 2500,
      totalMinor: 2500,
      paidAt: new Date(),
      lines: { create: [{ eventId: event.id, ticketTypeId: ticketType.id, quantity: 1, unitPriceMinor: 2500, totalMinor: 2500 }] },
    },
  });
  const { tickets } = await issueTickets(ticketDeps(h), { orderId: order.id });
  const pendingOrder = await h.db.order.create({
    data: {
      reference: `MQ-${uniqueSuffix()}`,
      organizationId: organization.id,
      eventId: event.id,
      status: "PENDING",
      buyerName: "Walk Buyer",
      buyerEmail: `walk-${uniqueSuffix()}@example.test`,
      currency: "EUR",
      subtotalMinor: 2500,
      totalMinor: 2500,
      lines: { create: [{ eventId: event.id, ticketTypeId: ticketType.id, quantity: 1, unitPriceMinor: 2500, totalMinor: 2500 }] },
    },
  });
  const request = await h.db.refundRequest.create({
    data: { organizationId: organization.id, eventId: event.id, orderId: order.id, ticketIds: [], reason: "walk" },
  });
  const { id: apiTokenId } = await makeApiToken(h, organization.id, "DOOR_STAFF", { name: "walk victim" });
  const spareEvent = await h.make.event(organization.id, venue.id);
  const spareVenue = await h.make.venue(organization.id);
  const { seatMap } = await h.make.seatMap(organization.id, venue.id);
  const voucher = await h.db.voucher.create({
    data: { organizationId: organization.id, eventId: event.id, code: `WALK${uniqueSuffix()}`.toUpperCase(), kind: "PERCENT", amount: 1000, ticketTypeIds: [] },
  });
  const invitation = await h.db.invitation.create({
    data: {
      organizationId: organization.id,
      email: `invited-${uniqueSuffix()}@example.test`,
      role: "DOOR_STAFF",
      expiresAt: new Date(Date.now() + 86_400_000),
    },
  });
  const member = await h.make.member(organization.id, "DOOR_STAFF");
  const conversation = await openConversation(h.db, organization.id, { requesterEmail: order.buyerEmail, orderId: order.id, eventId: event.id });
  const spareConversation = await openConversation(h.db, organization.id, { requesterEmail: order.buyerEmail });
  const cannedReply = await h.db.cannedReply.create({
    data: { organizationId: organization.id, shortcut: "walk-reply", title: "Walk reply", body: "Hello {{buyer.firstName}}" },
  });
  const webhook = { organizationId: organization.id, webhookEndpointId: randomUUID(), webhookDeliveryId: randomUUID() };
  await restoreWalkWebhook(h.db, webhook);
  return {
    organizationId: organization.id,
    eventId: event.id,
    spareEventId: spareEvent.id,
    ticketTypeId: ticketType.id,
    orderId: order.id,
    ticketId: tickets[0]!.id,
    pendingOrderId: pendingOrder.id,
    refundRequestId: request.id,
    apiTokenId,
    venueId: venue.id,
    spareVenueId: spareVenue.id,
    seatMapId: seatMap.id,
    voucherId: voucher.id,
    invitationId: invitation.id,
    memberUserId: member.id,
    conversationId: conversation.id,
    spareConversationId: spareConversation.id,
    cannedReplyId: cannedReply.id,
    webhookEndpointId: webhook.webhookEndpointId,
    webhookDeliveryId: webhook.webhookDeliveryId,
  };
}

/** What a call ended in: "allowed" (any answer but a refusal), or the refusal's code. */
async function outcome(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
    return "allowed";
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    const appCode = (error.cause as { code?: string } | undefined)?.code;
    if (error.code === "FORBIDDEN" || error.code === "UNAUTHORIZED" || error.code === "NOT_FOUND") return appCode ?? error.code;
    if (error.code === "BAD_REQUEST" || error.code === "INTERNAL_SERVER_ERROR") return `${error.code}: ${error.message}`;
    return "allowed";
  }
}

const callProcedure = (caller: unknown, path: string, input: unknown): Promise<unknown> => {
  const procedure = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (input: unknown) => Promise<unknown>;
  return procedure(input);
};

/** A REST request for an operation and an input: path parameters, then the query (reads) or a JSON body. */
function restCall(op: RestOperation, input: Record<string, unknown>, token: string) {
  let path: string = op.operation.path;
  const rest = { ...input };
  for (const name of op.pathParams) {
    path = path.replace(`{${name}}`, encodeURIComponent(String(rest[name])));
    delete rest[name];
  }
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (op.operation.method === "GET" || op.operation.method === "DELETE") {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(rest)) for (const item of [value].flat()) query.append(key, String(item));
    return rest_(`/api/v1${path}${query.size ? `?${query}` : ""}`, { method: op.operation.method, headers });
  }
  return rest_(`/api/v1${path}`, { method: op.operation.method, headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(rest) });
}
const rest_ = (path: string, init: RequestInit) => rest(path, init);

const table = new Map<string, Record<string, string>>();
const mark = (row: string, column: string, value: string) => table.set(row, { ...table.get(row), [column]: value });

afterAll(() => {
  const columns = [...ROLES, ...TOKEN_ROLES.map((role) => `token ${role}`), "B's ids", "revoked token"];
  const lines = [
    `| Procedure (REST operationId) | ${columns.join(" | ")} |`,
    `| --- | ${columns.map(() => "---").join(" | ")} |`,
    ...[...table.entries()].map(([row, cells]) => `| ${row} | ${columns.map((column) => cells[column] ?? "").join(" | ")} |`),
  ];
  const file = join(dirname(dirname(fileURLToPath(import.meta.url))), "test-results", "authorization-walk.md");
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${lines.join("\n")}\n`);
  console.info(`Authorization walk (${file}):\n${lines.join("\n")}`);
});

describe("the authorization walk over the console's router", () => {
  it("has a case for every procedure (add one line to testing/authorization-walk-cases.ts)", () => {
    expect(procedures.filter((path) => !(path in WALK_CASES))).toEqual([]);
    expect(Object.keys(WALK_CASES).filter((path) => !procedures.includes(path))).toEqual([]);
  });

  it("marks only procedures without an organizationId in their input as not organisation-scoped, and every other one has it", () => {
    const takesOrganization = (path: string) => {
      const inputs = (adminRouter._def.procedures as unknown as Record<string, { _def: { inputs: unknown[] } }>)[path]!._def.inputs;
      return inputs.some((parser) => "organizationId" in ((parser as { shape?: Record<string, unknown> }).shape ?? {}));
    };
    const personal = procedures.filter((path) => WALK_CASES[path] === "not-organisation-scoped");
    expect(personal.filter(takesOrganization)).toEqual([]);
    expect(organisationProcedures.filter((path) => !takesOrganization(path))).toEqual([]);
  });

  it("gives each role exactly its capability, refuses B's ids and B's organisation, and changes nothing in B", async () => {
    const a = await tenant();
    const b = await tenant();
    const members = Object.fromEntries(await Promise.all(ROLES.map(async (role) => [role, (await h.make.member(a.organizationId, role)).id] as const)));
    const callers = Object.fromEntries(await Promise.all(ROLES.map(async (role) => [role, await h.callerAs(members[role]!, { app: "admin" })] as const)));
    const problems: string[] = [];

    for (const path of organisationProcedures) {
      const walkCase = scoped(path);
      const row = `${path}${operations.find((op) => op.procedurePath === path) ? ` (${operations.find((op) => op.procedurePath === path)!.operation.operationId})` : ""}`;
      // Weakest roles first: refusals come before any allowed call changes A's objects.
      for (const role of [...ROLES].reverse()) {
        await walkCase.restore?.(h.db, a);
        const result = await outcome(() => callProcedure(callers[role], path, { ...walkCase.input(a), organizationId: a.organizationId }));
        const expected = walkAllows(role, walkCase) ? "allowed" : "FORBIDDEN";
        mark(row, role, result === "allowed" ? "allowed" : result);
        if (result !== expected) problems.push(`${path} as ${role}: ${result}, expected ${expected}`);
      }
      const owner = callers.OWNER!;
      await walkCase.restore?.(h.db, a);
      const foreignOrganization = await outcome(() => callProcedure(owner, path, { ...walkCase.input(b), organizationId: b.organizationId }));
      if (foreignOrganization !== "FORBIDDEN") problems.push(`${path} with B's organizationId: ${foreignOrganization}`);
      const foreignInput = walkCase.input(b);
      const fixtureIds = new Set(Object.values(b));
      if (Object.values(foreignInput).some((value) => fixtureIds.has(value as string))) {
        const foreignIds = await outcome(() => callProcedure(owner, path, { ...foreignInput, organizationId: a.organizationId }));
        mark(row, "B's ids", foreignIds);
        if (foreignIds !== "NOT_FOUND" && foreignIds !== "FORBIDDEN") problems.push(`${path} with B's ids: ${foreignIds}`);
      } else {
        mark(row, "B's ids", `${foreignOrganization} (B's organizationId)`);
      }
    }
    expect(problems).toEqual([]);

    // B is untouched: its token works, its refund request is pending, its order has no refunds.
    expect(await h.db.apiToken.findUniqueOrThrow({ where: { id: b.apiTokenId } })).toMatchObject({ revokedAt: null });
    expect(await h.db.refundRequest.findUniqueOrThrow({ where: { id: b.refundRequestId } })).toMatchObject({ status: "PENDING" });
    expect(await h.db.refund.count({ where: { orderId: b.orderId } })).toBe(0);
    expect(await h.db.apiToken.count({ where: { organizationId: b.organizationId } })).toBe(1);
  });

  it("serves every organiser REST operation to a token with the capability only, never with B's ids, and never to a revoked token", async () => {
    expect(operations.map((op) => op.procedurePath).filter((path) => !(path in WALK_CASES))).toEqual([]);
    const a = await tenant();
    const b = await tenant();
    const tokens = Object.fromEntries(
      await Promise.all(TOKEN_ROLES.map(async (role) => [role, (await makeApiToken(h, a.organizationId, role)).token] as const)),
    );
    const revoked = await makeApiToken(h, a.organizationId, "ADMIN");
    await h.db.apiToken.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
    const problems: string[] = [];

    for (const op of operations) {
      const walkCase = scoped(op.procedurePath);
      const row = `${op.procedurePath} (${op.operation.operationId})`;
      for (const role of [...TOKEN_ROLES].reverse()) {
        const { status } = await restCall(op, walkCase.input(a), tokens[role]!);
        const allowed = walkAllows(role, walkCase);
        mark(row, `token ${role}`, status === 403 ? "FORBIDDEN" : status === 401 ? "UNAUTHORIZED" : `allowed (${status})`);
        if (allowed ? status === 401 || status === 403 || status === 400 || status >= 500 : status !== 403)
          problems.push(`${op.operation.operationId} as token ${role}: ${status}`);
      }
      const revokedStatus = (await restCall(op, walkCase.input(a), revoked.token)).status;
      mark(row, "revoked token", String(revokedStatus));
      if (revokedStatus !== 401) problems.push(`${op.operation.operationId} with a revoked token: ${revokedStatus}`);
      const foreignOrganization = (await restCall(op, { ...walkCase.input(a), organizationId: b.organizationId }, tokens.ADMIN!)).status;
      if (foreignOrganization !== 403) problems.push(`${op.operation.operationId} with B's organizationId: ${foreignOrganization}`);
      const fixtureIds = new Set(Object.values(b));
      const foreignInput = walkCase.input(b);
      if (Object.values(foreignInput).some((value) => fixtureIds.has(value as string))) {
        const status = (await restCall(op, foreignInput, tokens.ADMIN!)).status;
        if (status !== 403 && status !== 404) problems.push(`${op.operation.operationId} with B's ids: ${status}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
