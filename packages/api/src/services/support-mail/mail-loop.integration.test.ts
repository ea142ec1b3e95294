// The whole e-mail loop on one machine, as `npm start` wires it: an agent's answer is mailed
// through the dev mail catcher, the buyer replies to its Reply-To through the catcher's SMTP
// port, the catcher forwards the raw message to the inbound endpoint (handleInboundEmail behind a
// real HTTP server), and the buyer's words land in the conversation, which reopens.
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import { Readable } from "node:stream";
import { startMailCatcher, type MailCatcher } from "@marquee/dev/services/mail-catcher";
import { findFreePort, waitUntil } from "@marquee/dev/services/net";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../clock.ts";
import { parseTrustedProxies } from "../../http/client-ip.ts";
import { handleInboundEmail } from "../../http/inbound-email-http.ts";
import { useHarness } from "../../testing/harness.ts";
import { createMailer, type Mailer } from "../mail/create-mailer.ts";
import { addAgentReply } from "../support/add-agent-reply.ts";
import { sendAgentReplyEmail } from "./send-agent-reply.ts";
import { quotedReply, TEST_INBOUND_DOMAIN, webConversation } from "./support-mail-test-kit.ts";

const h = useHarness();
const SECRET = `loop-${randomUUID()}`;
let server: Server;
let catcher: MailCatcher;
let mailer: Mailer;

beforeAll(async () => {
  const deps = {
    db: h.db,
    files: h.files,
    redis: h.redis,
    redisPrefix: h.redisPrefix,
    trustedProxies: parseTrustedProxies(""),
    inboundEmailDomain: TEST_INBOUND_DOMAIN,
    secret: SECRET,
    perIpPerMinute: 100,
  };
  server = createServer((req, res) => {
    const request = new Request(`http://127.0.0.1${req.url}`, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: Readable.toWeb(req) as ReadableStream<Uint8Array>,
      duplex: "half",
    } as RequestInit);
    void handleInboundEmail(deps, request).then(async (response) => {
      res.writeHead(response.status, { "content-type": "application/json" }).end(await response.text());
    });
  });
  const httpPort = await findFreePort();
  await new Promise<void>((resolve) => server.listen(httpPort, "127.0.0.1", resolve));
  catcher = await startMailCatcher({
    smtpPort: await findFreePort(),
    httpPort: await findFreePort(),
    forward: { domain: TEST_INBOUND_DOMAIN, url: `http://127.0.0.1:${httpPort}/api/inbound-email`, secret: SECRET, retryDelayMs: 20 },
  });
  mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${catcher.smtpPort}`, from: "Marquee <tickets@marquee.local>" });
});
afterAll(async () => {
  mailer.close();
  await catcher.close();
  await new Promise((resolve) => server.close(resolve));
});

describe("the e-mail loop through the dev mail catcher", () => {
  it("brings the buyer's e-mail answer to an agent's reply back into the conversation", async () => {
    const organization = await h.make.organization({ name: "Acme Events" });
    const agent = await h.make.member(organization.id, "SUPPORT_AGENT", { name: "Ana Agent" });
    const email = `jo-${randomUUID().slice(0, 8)}@example.test`;
    const conversation = await webConversation(h.db, { organizationId: organization.id, requesterEmail: email });
    const { messageId } = await addAgentReply(h.db, { conversationId: conversation.id, agentId: agent.id, body: "We moved you to row 7.", internal: false });
    await sendAgentReplyEmail({ db: h.db, mailer, clock: systemClock, webUrl: "http://localhost:3000", inboundEmailDomain: TEST_INBOUND_DOMAIN }, messageId);
    const sent = catcher.messages().find((message) => message.to.includes(email))!;
    // The agent's e-mail itself is for the buyer, not for the inbound domain: not forwarded.
    expect(sent.forward).toBeUndefined();

    const replyTo = /<?([^<>\s]+@[^<>\s]+)>?$/.exec(sent.headers["reply-to"]!)![1]!;
    await nodemailer.createTransport({ host: "127.0.0.1", port: catcher.smtpPort, secure: false, ignoreTLS: true }).sendMail({
      from: `Jo Buyer <${email}>`,
      to: replyTo,
      subject: `Re: ${sent.subject}`,
      inReplyTo: sent.headers["message-id"],
      references: [sent.headers["message-id"]!],
      text: quotedReply("Row 7 is perfect, thank you!", sent.text ?? ""),
    });
    const answer = await waitUntil(() => h.db.supportMessage.findFirst({ where: { conversationId: conversation.id, authorKind: "BUYER", channel: "EMAIL" } }), {
      timeoutMs: 15_000,
      intervalMs: 50,
      description: "the buyer's e-mail in the conversation",
    });
    expect(answer.body).toBe("Row 7 is perfect, thank you!");
    expect((await h.db.supportConversation.findUniqueOrThrow({ where: { id: conversation.id } })).status).toBe("OPEN");
    // The endpoint's 200 reaches the catcher just after the commit.
    await waitUntil(() => Promise.resolve(catcher.messages().find((message) => message.to.includes(replyTo))?.forward === "forwarded"), {
      timeoutMs: 5_000,
      intervalMs: 20,
      description: "the forward's outcome",
    });
  });
});
