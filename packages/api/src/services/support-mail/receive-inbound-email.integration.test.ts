// Inbound support e-mail against real PostgreSQL: routing (reply token, In-Reply-To, support
// address), the sender check, idempotency by Message-ID, attachments and their limits, automatic
// mail, and the quoted history cut from the buyer's message.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { AppError } from "../../errors.ts";
import { useHarness } from "../../testing/harness.ts";
import { newOrderReference } from "../checkout/checkout.ts";
import { receiveInboundEmail } from "./receive-inbound-email.ts";
import { agentReplyMessageId, replyAddress } from "./reply-address.ts";
import { quotedReply, rawEmail, supportAddress, TEST_INBOUND_DOMAIN, webConversation } from "./support-mail-test-kit.ts";

const h = useHarness();
const deps = () => ({ db: h.db, files: h.files, inboundEmailDomain: TEST_INBOUND_DOMAIN });
const buyerEmail = () => `jo-${randomUUID().slice(0, 8)}@example.test`;
const receive = async (raw: Buffer) => receiveInboundEmail(deps(), raw, new Date());
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
const PDF = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(1024, 0x20)]);

async function expectUnroutable(promise: Promise<unknown>, reason: string) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe("UNROUTABLE_EMAIL");
  expect((error as AppError).details).toEqual({ reason });
}

async function answeredConversation() {
  const organization = await h.make.organization();
  const email = buyerEmail();
  const conversation = await webConversation(h.db, { organizationId: organization.id, requesterEmail: email });
  await h.db.supportConversation.update({ where: { id: conversation.id }, data: { status: "RESOLVED", resolvedAt: new Date(), waitingSince: null } });
  return { organization, email, conversation };
}

const messagesOf = (conversationId: string) =>
  h.db.supportMessage.findMany({ where: { conversationId }, orderBy: { createdAt: "asc" }, include: { attachments: true } });

describe("receiveInboundEmail", () => {
  it("threads a reply by the reply address's token, cuts the quoted history and reopens the conversation", async () => {
    const { organization, email, conversation } = await answeredConversation();
    const raw = await rawEmail({
      from: `Jo Buyer <${email.toUpperCase()}>`,
      to: replyAddress(conversation.id, TEST_INBOUND_DOMAIN),
      subject: "Re: Wrong seat",
      text: quotedReply("Row 7 is fine, thanks!", "We moved you to row 7.\nAna"),
    });
    const result = await receive(raw);
    expect(result).toMatchObject({ conversationId: conversation.id, duplicate: false });

    const messages = await messagesOf(conversation.id);
    const added = messages.at(-1)!;
    expect(added).toMatchObject({ id: result.messageId, authorKind: "BUYER", channel: "EMAIL", body: "Row 7 is fine, thanks!" });
    expect(added.emailMessageId).toMatch(/^<.+@.+>$/);
    const reopened = await h.db.supportConversation.findUniqueOrThrow({ where: { id: conversation.id } });
    expect(reopened.status).toBe("OPEN");
    expect(reopened.waitingSince).not.toBeNull();
    const announced = await h.db.outboxEvent.findMany({ where: { topic: "support.message-added", aggregateId: conversation.id } });
    expect(announced.map((row) => (row.payload as { messageId: string }).messageId)).toContain(result.messageId);
    expect(await h.db.inboundEmail.count({ where: { organizationId: organization.id } })).toBe(1);
  });

  it("threads by In-Reply-To when the reply address is gone, and refuses a forged token", async () => {
    const { email, conversation } = await answeredConversation();
    const sentId = agentReplyMessageId(randomUUID(), TEST_INBOUND_DOMAIN);
    await h.db.supportMessage.create({
      data: { conversationId: conversation.id, authorKind: "AGENT", body: "Hi", emailMessageId: sentId, emailSentAt: new Date() },
    });
    const result = await receive(await rawEmail({ from: email, to: "someone-else@example.test", subject: "Re", text: "By thread", inReplyTo: sentId }));
    expect(result.conversationId).toBe(conversation.id);

    // The token's last character changed.
    const forged = replyAddress(conversation.id, TEST_INBOUND_DOMAIN).replace(/([a-z2-7])@/, (_match, last: string) => `${last === "a" ? "b" : "a"}@`);
    expect(forged).not.toBe(replyAddress(conversation.id, TEST_INBOUND_DOMAIN));
    await expectUnroutable(receive(await rawEmail({ from: email, to: forged, subject: "Re", text: "Forged" })), "no-recipient");
  });

  it("follows a merged conversation to the one it was merged into", async () => {
    const { organization, email, conversation } = await answeredConversation();
    const target = await webConversation(h.db, { organizationId: organization.id, requesterEmail: email, subject: "Everything else" });
    await h.db.supportConversation.update({ where: { id: conversation.id }, data: { mergedIntoId: target.id } });
    const result = await receive(await rawEmail({ from: email, to: replyAddress(conversation.id, TEST_INBOUND_DOMAIN), subject: "Re", text: "Still there?" }));
    expect(result.conversationId).toBe(target.id);
    expect(await messagesOf(conversation.id)).toHaveLength(1);
  });

  it("opens a new conversation for mail to the support address, linked to the sender's account and their order", async () => {
    const { organization, event } = await h.make.gaEvent();
    const address = await supportAddress(h.db, organization.id);
    const user = await h.make.user();
    const reference = newOrderReference();
    const order = await h.db.order.create({
      data: {
        reference,
        organizationId: organization.id,
        eventId: event.id,
        buyerName: "Jo",
        buyerEmail: user.email,
        currency: "EUR",
        subtotalMinor: 1,
        totalMinor: 1,
        status: "PAID",
      },
    });
    const result = await receive(
      await rawEmail({
        from: `Jo <${user.email}>`,
        to: address,
        subject: `Question about ${reference}`,
        text: "Can I bring a friend?",
        headers: { "Content-Language": "de" },
      }),
    );
    const conversation = await h.db.supportConversation.findUniqueOrThrow({ where: { id: result.conversationId } });
    expect(conversation).toMatchObject({
      organizationId: organization.id,
      channel: "EMAIL",
      subject: `Question about ${reference}`,
      requesterEmail: user.email,
      requesterId: user.id,
      orderId: order.id,
      eventId: event.id,
      locale: "de",
      status: "OPEN",
    });
    expect(await h.db.outboxEvent.count({ where: { topic: "support.conversation-started", aggregateId: conversation.id } })).toBe(1);

    // Someone else's order reference links nothing.
    const stranger = buyerEmail();
    const other = await receive(await rawEmail({ from: stranger, to: address, subject: `About ${reference}`, text: "Hi" }));
    expect((await h.db.supportConversation.findUniqueOrThrow({ where: { id: other.conversationId } })).orderId).toBeNull();
  });

  it("sends a stranger's reply to a new conversation of that organisation, or refuses it when it has no support address", async () => {
    const { organization, email, conversation } = await answeredConversation();
    const to = replyAddress(conversation.id, TEST_INBOUND_DOMAIN);
    await expectUnroutable(receive(await rawEmail({ from: "mallory@example.test", to, subject: "Re", text: "Let me in" })), "sender-mismatch");
    expect(await messagesOf(conversation.id)).toHaveLength(1);

    await supportAddress(h.db, organization.id);
    const redirected = await receive(await rawEmail({ from: "mallory@example.test", to, subject: "Re", text: "Let me in" }));
    expect(redirected.conversationId).not.toBe(conversation.id);
    expect(await h.db.supportConversation.findUniqueOrThrow({ where: { id: redirected.conversationId } })).toMatchObject({
      organizationId: organization.id,
      requesterEmail: "mallory@example.test",
    });
    expect(await messagesOf(conversation.id)).toHaveLength(1);
    expect(email).not.toBe("mallory@example.test");
  });

  it("delivered twice (with or without a Message-ID) becomes one message", async () => {
    const { email, conversation } = await answeredConversation();
    const to = replyAddress(conversation.id, TEST_INBOUND_DOMAIN);
    const raw = await rawEmail({ from: email, to, subject: "Re", text: "Once only", messageId: `<once-${randomUUID()}@mail.example.test>` });
    const [first, second] = await Promise.all([receive(raw), receive(raw)]);
    expect([first.duplicate, second.duplicate].sort()).toEqual([false, true]);
    expect(second.messageId).toBe(first.messageId);
    const noId = await rawEmail({ from: email, to, subject: "Re", text: "No id", messageId: null });
    expect(noId.toString()).not.toMatch(/^Message-ID:/im);
    const third = await receive(noId);
    const fourth = await receive(noId);
    expect(fourth).toEqual({ ...third, duplicate: true });
    const bodies = (await messagesOf(conversation.id)).map((message) => message.body);
    expect(bodies.filter((body) => body === "Once only")).toHaveLength(1);
    expect(bodies.filter((body) => body === "No id")).toHaveLength(1);
  });

  it("stores allowed attachments by their bytes and notes the ones skipped", async () => {
    const { email, conversation } = await answeredConversation();
    const raw = await rawEmail({
      from: email,
      to: replyAddress(conversation.id, TEST_INBOUND_DOMAIN),
      subject: "Re",
      text: "Screenshots attached",
      attachments: [
        { filename: "seat.png", content: PNG, contentType: "image/png" },
        { filename: "ticket.pdf", content: PDF, contentType: "application/octet-stream" },
        { filename: "notes.txt", content: "row 7", contentType: "text/plain" },
        { filename: "virus.exe", content: Buffer.from("MZ\x90\x00binary"), contentType: "application/octet-stream" },
        { filename: "fake.png", content: Buffer.from("<svg onload=alert(1)>"), contentType: "image/png" },
        { filename: "huge.pdf", content: Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]), contentType: "application/pdf" },
      ],
    });
    const { messageId } = await receive(raw);
    const message = await h.db.supportMessage.findUniqueOrThrow({ where: { id: messageId }, include: { attachments: { orderBy: { fileName: "asc" } } } });
    expect(message.attachments.map((file) => [file.fileName, file.contentType, file.sizeBytes])).toEqual([
      ["notes.txt", "text/plain", 5],
      ["seat.png", "image/png", PNG.length],
      ["ticket.pdf", "application/pdf", PDF.length],
    ]);
    expect(await h.files.get(message.attachments[1]!.storageKey)).toEqual(PNG);
    expect(message.body).toContain("Screenshots attached");
    expect(message.body).toContain("[attachment skipped: virus.exe (type not accepted)]");
    expect(message.body).toContain("[attachment skipped: fake.png (type not accepted)]");
    expect(message.body).toContain("[attachment skipped: huge.pdf (larger than 10 MB)]");
  });

  it("keeps at most 10 files", async () => {
    const { email, conversation } = await answeredConversation();
    const attachments = Array.from({ length: 12 }, (_, index) => ({ filename: `p${String(index).padStart(2, "0")}.png`, content: PNG }));
    const { messageId } = await receive(
      await rawEmail({ from: email, to: replyAddress(conversation.id, TEST_INBOUND_DOMAIN), subject: "Re", text: "Many", attachments }),
    );
    const message = await h.db.supportMessage.findUniqueOrThrow({ where: { id: messageId }, include: { attachments: true } });
    expect(message.attachments).toHaveLength(10);
    expect(message.body).toContain("[attachment skipped: p10.png (more than 10 files)]");
    expect(message.body).toContain("[attachment skipped: p11.png (more than 10 files)]");
  });

  it("opens a conversation for an auto-reply but never acknowledges it", async () => {
    const { organization } = await h.make.gaEvent();
    const address = await supportAddress(h.db, organization.id);
    for (const headers of [{ "Auto-Submitted": "auto-replied" }, { Precedence: "bulk" }, { "X-Autoreply": "yes" }]) {
      const result = await receive(await rawEmail({ from: buyerEmail(), to: address, subject: "Out of office", text: "I am away", headers }));
      expect(await h.db.outboxEvent.count({ where: { topic: "support.conversation-started", aggregateId: result.conversationId } })).toBe(0);
    }
    const human = await receive(await rawEmail({ from: buyerEmail(), to: address, subject: "Hi", text: "Hello", headers: { "Auto-Submitted": "no" } }));
    expect(await h.db.outboxEvent.count({ where: { topic: "support.conversation-started", aggregateId: human.conversationId } })).toBe(1);
  });

  it("refuses mail for nobody, mail from the inbound domain itself, and HTML-only mail arrives as text", async () => {
    await expectUnroutable(receive(await rawEmail({ from: buyerEmail(), to: `nobody@${TEST_INBOUND_DOMAIN}`, subject: "Hi", text: "Hello" })), "no-recipient");
    const { organization } = await h.make.gaEvent();
    const address = await supportAddress(h.db, organization.id);
    await expectUnroutable(receive(await rawEmail({ from: `reply+x@${TEST_INBOUND_DOMAIN}`, to: address, subject: "Hi", text: "Loop" })), "loop");
    const { email, conversation } = await answeredConversation();
    const { messageId } = await receive(
      await rawEmail({ from: email, to: replyAddress(conversation.id, TEST_INBOUND_DOMAIN), subject: "Re", html: "<p>Row <b>7</b> please</p>" }),
    );
    expect((await h.db.supportMessage.findUniqueOrThrow({ where: { id: messageId } })).body).toBe("Row 7 please");
  });
});
