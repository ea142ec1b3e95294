// Agent replies by e-mail (real PostgreSQL and an SMTP catcher): once per message however often the
// job runs, never for internal notes, threaded under the conversation's earlier e-mails, with the
// conversation's reply address, in the buyer's language.
import { randomUUID } from "node:crypto";
import type { CaughtMessageDetail } from "@marquee/dev/services/mail-catcher";
import { describe, expect, it } from "vitest";
import { systemClock } from "../../clock.ts";
import { OUTBOX_TOPICS } from "../../services/outbox/topics.ts";
import { notificationSupportMessageAdded } from "../../jobs/definitions.ts";
import { useHarness } from "../../testing/harness.ts";
import { useMailCatcher } from "../../testing/mail-catcher-kit.ts";
import { acknowledgeConversation } from "../support/acknowledge-conversation.ts";
import { addAgentReply } from "../support/add-agent-reply.ts";
import { receiveInboundEmail } from "./receive-inbound-email.ts";
import { agentReplyMessageId, conversationOfReplyAddress } from "./reply-address.ts";
import { sendAgentReplyEmail } from "./send-agent-reply.ts";
import { rawEmail, supportAddress, TEST_INBOUND_DOMAIN, webConversation } from "./support-mail-test-kit.ts";

const h = useHarness();
const mail = useMailCatcher();

const deps = () => ({ db: h.db, mailer: mail.mailer, clock: systemClock, webUrl: "http://localhost:3000", inboundEmailDomain: TEST_INBOUND_DOMAIN });
const caughtFor = (to: string): CaughtMessageDetail[] => mail.catcher.messages().filter((message) => message.to.includes(to));
const buyerEmail = () => `jo-${randomUUID().slice(0, 8)}@example.test`;

async function setup(locale = "en") {
  const organization = await h.make.organization({ name: "Acme Events" });
  const agent = await h.make.member(organization.id, "SUPPORT_AGENT", { name: "Ana Agent" });
  const email = buyerEmail();
  const conversation = await webConversation(h.db, { organizationId: organization.id, requesterEmail: email, locale });
  return { organization, agent, email, conversation };
}

describe("agent reply e-mail", () => {
  it("is the support.message-added topic's notification job", () => {
    expect(OUTBOX_TOPICS["support.message-added"].jobs).toContain(notificationSupportMessageAdded);
  });

  it("sends one e-mail per agent reply even when the job runs twice, with Message-ID, Reply-To and the agent in From", async () => {
    const { agent, email, conversation } = await setup();
    const { messageId } = await addAgentReply(h.db, { conversationId: conversation.id, agentId: agent.id, body: "We moved you to row 7.", internal: false });

    const [first, second] = await Promise.allSettled([sendAgentReplyEmail(deps(), messageId), sendAgentReplyEmail(deps(), messageId)]);
    // One sends; the other finds it sent or in progress (a CONFLICT the job retries).
    expect([first, second].filter((result) => result.status === "fulfilled" && result.value === true)).toHaveLength(1);
    await expect(sendAgentReplyEmail(deps(), messageId)).resolves.toBe(false);

    const mails = caughtFor(email);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.headers["message-id"]).toBe(agentReplyMessageId(messageId, TEST_INBOUND_DOMAIN));
    expect(mail.from).toBe("Ana · Acme Events <tickets@marquee.local>");
    expect(mail.subject).toBe("Re: Wrong seat");
    expect(mail.text).toContain("We moved you to row 7.");
    expect(mail.text).toContain(`#${conversation.number}`);
    expect(mail.text).toMatch(new RegExp(`/support/${conversation.id}#token=v1\\.`));
    const replyTo = /<?([^<>\s]+@[^<>\s]+)>?$/.exec(mail.headers["reply-to"]!)![1]!;
    expect(conversationOfReplyAddress(replyTo, TEST_INBOUND_DOMAIN)).toBe(conversation.id);
    // A web conversation had no e-mail before: nothing to answer.
    expect(mail.headers["in-reply-to"]).toBeUndefined();

    const stored = await h.db.supportMessage.findUniqueOrThrow({ where: { id: messageId } });
    expect(stored.emailMessageId).toBe(agentReplyMessageId(messageId, TEST_INBOUND_DOMAIN));
    expect(stored.emailSentAt).not.toBeNull();
  });

  it("never mails an address at the inbound domain (a loop)", async () => {
    const organization = await h.make.organization();
    const agent = await h.make.member(organization.id, "SUPPORT_AGENT");
    const loop = `reply+abc@${TEST_INBOUND_DOMAIN}`;
    const conversation = await webConversation(h.db, { organizationId: organization.id, requesterEmail: loop });
    const { messageId } = await addAgentReply(h.db, { conversationId: conversation.id, agentId: agent.id, body: "Hello", internal: false });
    expect(await sendAgentReplyEmail(deps(), messageId)).toBe(false);
    expect(caughtFor(loop)).toHaveLength(0);
  });

  it("never mails internal notes or buyers' messages", async () => {
    const { agent, email, conversation } = await setup();
    const note = await addAgentReply(h.db, { conversationId: conversation.id, agentId: agent.id, body: "Check the seat map first.", internal: true });
    expect(await sendAgentReplyEmail(deps(), note.messageId)).toBe(false);
    expect(await sendAgentReplyEmail(deps(), conversation.messageId)).toBe(false);
    expect(caughtFor(email)).toHaveLength(0);
    expect((await h.db.supportMessage.findUniqueOrThrow({ where: { id: note.messageId } })).emailMessageId).toBeNull();
  });

  it("threads each reply under the conversation's earlier e-mails (In-Reply-To the newest, References oldest first)", async () => {
    const organization = await h.make.organization({ name: "Acme Events" });
    const agent = await h.make.member(organization.id, "SUPPORT_AGENT", { name: "Ana Agent" });
    const email = buyerEmail();
    const opening = `<opening-${randomUUID()}@mail.example.test>`;
    const inbound = await receiveInboundEmail(
      { db: h.db, files: h.files, inboundEmailDomain: TEST_INBOUND_DOMAIN },
      await rawEmail({ from: email, to: await supportAddress(h.db, organization.id), subject: "Parking", text: "Is there parking?", messageId: opening }),
      new Date(),
    );
    const ack = await acknowledgeConversation({ ...deps() }, inbound.conversationId);
    expect(ack).toBe(true);
    const ackMail = caughtFor(email)[0]!;
    expect(ackMail.headers["in-reply-to"]).toBe(opening);
    // A machine's answer: an autoresponder on the buyer's side must not answer it.
    expect(ackMail.headers["auto-submitted"]).toBe("auto-replied");
    expect(conversationOfReplyAddress(/<?([^<>\s]+@[^<>\s]+)>?$/.exec(ackMail.headers["reply-to"]!)![1]!, TEST_INBOUND_DOMAIN)).toBe(inbound.conversationId);

    const one = await addAgentReply(h.db, { conversationId: inbound.conversationId, agentId: agent.id, body: "Yes, level 2.", internal: false });
    await sendAgentReplyEmail(deps(), one.messageId);
    const two = await addAgentReply(h.db, { conversationId: inbound.conversationId, agentId: agent.id, body: "And it is free.", internal: false });
    await sendAgentReplyEmail(deps(), two.messageId);

    const [firstReply, secondReply] = caughtFor(email).filter((mail) => mail.subject === "Re: Parking");
    expect(firstReply!.headers["in-reply-to"]).toBe(opening);
    expect(firstReply!.headers.references).toBe(opening);
    const oneId = agentReplyMessageId(one.messageId, TEST_INBOUND_DOMAIN);
    expect(secondReply!.headers["in-reply-to"]).toBe(oneId);
    expect(secondReply!.headers.references!.split(/\s+/)).toEqual([opening, oneId]);
  });

  it("keeps References to the last 10 e-mails", async () => {
    const { agent, email, conversation } = await setup();
    const ids: string[] = [];
    for (let index = 0; index < 12; index++) {
      const reply = await addAgentReply(
        h.db,
        { conversationId: conversation.id, agentId: agent.id, body: `Reply ${index}`, internal: false },
        new Date(Date.now() + index),
      );
      await sendAgentReplyEmail(deps(), reply.messageId);
      ids.push(agentReplyMessageId(reply.messageId, TEST_INBOUND_DOMAIN));
    }
    const last = caughtFor(email).find((mail) => mail.text?.includes("Reply 11"))!;
    expect(last.headers.references!.split(/\s+/)).toEqual(ids.slice(1, 11));
    expect(last.headers["in-reply-to"]).toBe(ids[10]);
  });

  it("writes in the conversation's language (German)", async () => {
    const { agent, email, conversation } = await setup("de");
    const { messageId } = await addAgentReply(h.db, { conversationId: conversation.id, agentId: agent.id, body: "Wir haben Sie umgesetzt.", internal: false });
    await sendAgentReplyEmail(deps(), messageId);
    const mail = caughtFor(email)[0]!;
    expect(mail.subject).toBe("AW: Wrong seat");
    expect(mail.text).toContain("aus unserem Support-Team hat auf Ihre Nachricht geantwortet");
    expect(mail.text).toContain("Referenz");
  });
});
