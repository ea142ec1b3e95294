import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { appOpenApiJson } from "../http/rest-app.ts";
import { openConversation } from "../services/inbox/inbox-test-kit.ts";
import { makeApiToken } from "../testing/api-token.ts";
import { useHarness } from "../testing/harness.ts";
import { restClient } from "../testing/rest-client.ts";

// The agent REST API (listConversations, getConversation, replyToConversation, updateConversation)
// with organisation API tokens: what a chat bridge or a CRM calls.

const h = useHarness();
const rest = restClient(h);

async function supportToken(role: "ADMIN" | "SUPPORT_AGENT" | "BOX_OFFICE" = "SUPPORT_AGENT") {
  const organization = await h.make.organization();
  const { token } = await makeApiToken(h, organization.id, role, { name: `Bridge ${role}` });
  const json = (method: string, body?: unknown, extra: Record<string, string> = {}) => ({
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }), ...extra },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { organizationId: organization.id, token, json };
}

describe("the agent REST operations", () => {
  it("lists with query filters, reads one conversation, replies once per Idempotency-Key (201), and updates it", async () => {
    const { organizationId, json } = await supportToken();
    const tag = randomUUID().slice(0, 6);
    const c = await openConversation(h.db, organizationId, { subject: `Lost tickets ${tag}` });
    await openConversation(h.db, organizationId);

    const listed = await rest(`/api/v1/organization/conversations?view=open&assignee=unassigned&limit=5&q=${tag}`, json("GET"));
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({
      items: [{ id: c.id, number: c.number, status: "OPEN", sla: { kind: "first-response", state: "ok" } }],
      nextCursor: null,
    });

    const got = await rest(`/api/v1/organization/conversations/${c.id}`, json("GET"));
    expect(got).toMatchObject({ status: 200, body: { id: c.id, lastMessageId: c.messageId, messages: [{ id: c.messageId, authorKind: "BUYER" }] } });

    const key = { "idempotency-key": `k-${randomUUID()}` };
    const reply = { body: "Found them: resent.", lastSeenMessageId: c.messageId };
    const sent = await rest(`/api/v1/organization/conversations/${c.id}/messages`, json("POST", reply, key));
    expect(sent).toMatchObject({ status: 201, body: { status: "PENDING" } });
    const again = await rest(`/api/v1/organization/conversations/${c.id}/messages`, json("POST", reply, key));
    expect(again.body).toEqual(sent.body);
    expect(await h.db.supportMessage.count({ where: { conversationId: c.id, authorKind: "AGENT" } })).toBe(1);

    // A second reply from the same stale point is held, with the new message named.
    const held = await rest(`/api/v1/organization/conversations/${c.id}/messages`, json("POST", { body: "Anything else?", lastSeenMessageId: c.messageId }));
    expect(held).toMatchObject({
      status: 409,
      body: { error: { code: "CONVERSATION_CHANGED", details: { messages: [{ id: (sent.body as { messageId: string }).messageId, authorKind: "AGENT" }] } } },
    });

    const patched = await rest(`/api/v1/organization/conversations/${c.id}`, json("PATCH", { status: "RESOLVED", priority: "HIGH", labels: ["bridge"] }));
    expect(patched).toMatchObject({ status: 200, body: { changed: ["status", "priority", "labels"] } });
    const audit = await h.db.auditLog.findFirstOrThrow({ where: { organizationId, action: "support.conversation-update", targetId: c.id } });
    expect(audit).toMatchObject({ actorKind: "api-token" });
  });

  it("answers 404 for another organisation's conversation, 400 for bad input, 403 for a box-office token", async () => {
    const { json } = await supportToken("ADMIN");
    const other = await supportToken();
    const theirs = await openConversation(h.db, other.organizationId);
    expect((await rest(`/api/v1/organization/conversations/${theirs.id}`, json("GET"))).status).toBe(404);
    expect((await rest(`/api/v1/organization/conversations/${theirs.id}/messages`, json("POST", { body: "x", lastSeenMessageId: null }))).status).toBe(404);
    expect((await rest(`/api/v1/organization/conversations/${theirs.id}`, json("PATCH", { status: "RESOLVED" }))).status).toBe(404);
    expect(await h.db.supportMessage.count({ where: { conversationId: theirs.id } })).toBe(1);
    expect(await rest(`/api/v1/organization/conversations?view=everything`, json("GET"))).toMatchObject({
      status: 400,
      body: { error: { code: "VALIDATION_ERROR" } },
    });
    const boxOffice = await supportToken("BOX_OFFICE");
    expect((await rest(`/api/v1/organization/conversations`, boxOffice.json("GET"))).status).toBe(403);
  });

  it("are in the OpenAPI document under their public operationIds", () => {
    const document = JSON.parse(appOpenApiJson("https://tickets.example")) as { paths: Record<string, Record<string, { operationId: string }>> };
    expect(document.paths["/organization/conversations"]!.get!.operationId).toBe("listConversations");
    expect(document.paths["/organization/conversations/{conversationId}"]!.get!.operationId).toBe("getConversation");
    expect(document.paths["/organization/conversations/{conversationId}"]!.patch!.operationId).toBe("updateConversation");
    expect(document.paths["/organization/conversations/{conversationId}/messages"]!.post!.operationId).toBe("replyToConversation");
  });
});
