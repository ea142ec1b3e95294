// POST /api/inbound-email against real PostgreSQL and Redis: the Bearer secret (401), the body cap
// (413), unroutable mail (422), a delivery twice (200 duplicate), and the per-IP limit (429).
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { useHarness } from "../testing/harness.ts";
import { replyAddress } from "../services/support-mail/reply-address.ts";
import { rawEmail, TEST_INBOUND_DOMAIN, webConversation } from "../services/support-mail/support-mail-test-kit.ts";
import { parseTrustedProxies } from "./client-ip.ts";
import { handleInboundEmail, INBOUND_EMAIL_BODY_LIMIT, inboundSecretMatches, type TInboundEmailHttpDeps } from "./inbound-email-http.ts";

const h = useHarness();
const SECRET = `inbound-${randomUUID()}`;

const deps = (overrides: Partial<TInboundEmailHttpDeps> = {}): TInboundEmailHttpDeps => ({
  db: h.db,
  files: h.files,
  redis: h.redis,
  // Each test its own rate-limit buckets.
  redisPrefix: `${h.redisPrefix}:inbound-${randomUUID().slice(0, 8)}`,
  trustedProxies: parseTrustedProxies(""),
  inboundEmailDomain: TEST_INBOUND_DOMAIN,
  secret: SECRET,
  perIpPerMinute: 100,
  ...overrides,
});

const post = (body: string | Uint8Array | ReadableStream<Uint8Array> | null, headers: Record<string, string> = {}) =>
  new Request("http://localhost:3001/api/inbound-email", {
    method: "POST",
    headers: { authorization: `Bearer ${SECRET}`, "content-type": "message/rfc822", ...headers },
    body,
    duplex: "half",
  } as RequestInit);

const errorCode = async (response: Response) => ((await response.json()) as { error: { code: string } }).error.code;

async function replyMail() {
  const organization = await h.make.organization();
  const email = `jo-${randomUUID().slice(0, 8)}@example.test`;
  const conversation = await webConversation(h.db, { organizationId: organization.id, requesterEmail: email });
  const raw = await rawEmail({ from: email, to: "support@example.test", subject: "Re", text: "Thanks" });
  return { conversation, raw };
}

describe("POST /api/inbound-email", () => {
  it("compares the secret as a whole", () => {
    expect(inboundSecretMatches(`Bearer ${SECRET}`, SECRET)).toBe(true);
    expect(inboundSecretMatches(`bearer ${SECRET}`, SECRET)).toBe(true);
    expect(inboundSecretMatches(`Bearer ${SECRET}x`, SECRET)).toBe(false);
    expect(inboundSecretMatches(`Bearer ${SECRET.slice(0, -1)}`, SECRET)).toBe(false);
    expect(inboundSecretMatches(SECRET, SECRET)).toBe(false);
    expect(inboundSecretMatches(null, SECRET)).toBe(false);
  });

  it("refuses a wrong or missing secret with 401 and stores nothing", async () => {
    const { conversation, raw } = await replyMail();
    for (const authorization of ["Bearer wrong-secret", ""]) {
      const response = await handleInboundEmail(
        deps(),
        post(new Uint8Array(raw), { authorization, "x-envelope-to": replyAddress(conversation.id, TEST_INBOUND_DOMAIN) }),
      );
      expect(response.status).toBe(401);
      expect(await errorCode(response)).toBe("UNAUTHORIZED");
    }
    expect(await h.db.supportMessage.count({ where: { conversationId: conversation.id } })).toBe(1);
  });

  it("refuses a body over 30 MB with 413, by its length or while reading it", async () => {
    const declared = await handleInboundEmail(deps(), post("x", { "content-length": String(INBOUND_EMAIL_BODY_LIMIT + 1) }));
    expect(declared.status).toBe(413);
    expect(await errorCode(declared)).toBe("PAYLOAD_TOO_LARGE");
    const chunk = new Uint8Array(1024 * 1024);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ > 31) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const streamed = await handleInboundEmail(deps(), post(stream));
    expect(streamed.status).toBe(413);
    expect(sent).toBeLessThan(33);
  });

  it("answers 422 UNROUTABLE_EMAIL for mail no conversation or support address takes", async () => {
    const raw = await rawEmail({ from: "jo@example.test", to: `nobody@${TEST_INBOUND_DOMAIN}`, subject: "Hi", text: "Hello" });
    const response = await handleInboundEmail(deps(), post(new Uint8Array(raw)));
    expect(response.status).toBe(422);
    expect(await errorCode(response)).toBe("UNROUTABLE_EMAIL");
  });

  it("routes by the envelope recipient and answers the first result, duplicate, on a second delivery", async () => {
    const { conversation, raw } = await replyMail();
    const envelope = { "x-envelope-to": replyAddress(conversation.id, TEST_INBOUND_DOMAIN) };
    const first = await handleInboundEmail(deps(), post(new Uint8Array(raw), envelope));
    expect(first.status).toBe(200);
    const firstBody = (await first.json()) as { conversationId: string; messageId: string; duplicate: boolean };
    expect(firstBody).toMatchObject({ conversationId: conversation.id, duplicate: false });
    const second = await handleInboundEmail(deps(), post(new Uint8Array(raw), envelope));
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual({ ...firstBody, duplicate: true });
    expect(await h.db.supportMessage.count({ where: { conversationId: conversation.id } })).toBe(2);
  });

  it("limits requests per client IP (429), secret or not", async () => {
    const limited = deps({ perIpPerMinute: 2 });
    const statuses = [];
    for (let index = 0; index < 3; index++) statuses.push((await handleInboundEmail(limited, post("x", { authorization: "Bearer nope" }))).status);
    expect(statuses).toEqual([401, 401, 429]);
  });
});
