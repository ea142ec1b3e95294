import { startMailCatcher, type CaughtMessageDetail, type MailCatcher } from "@marquee/dev/services/mail-catcher";
import { findFreePort } from "@marquee/dev/services/net";
import { uniqueSuffix } from "@marquee/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useHarness } from "../../testing/harness.ts";
import { createMailer, type Mailer } from "./create-mailer.ts";
import { MAIL_RESERVED, MAIL_SENT, mailMessageId, sendMailOnce } from "./send-mail-once.ts";

const h = useHarness();
let catcher: MailCatcher;
let mailer: Mailer;
const FROM = "Marquee <tickets@marquee.local>";

beforeAll(async () => {
  catcher = await startMailCatcher({ smtpPort: await findFreePort(), httpPort: await findFreePort() });
  mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${catcher.smtpPort}`, from: FROM });
});
afterAll(async () => {
  mailer.close();
  await catcher.close();
});

/** What the catcher holds for a recipient, read through its JSON endpoint (list, then each message with headers). */
async function caughtFor(to: string): Promise<CaughtMessageDetail[]> {
  const list = (await (await fetch(`${catcher.httpUrl}/messages?to=${encodeURIComponent(to)}`)).json()) as { id: string }[];
  return Promise.all(list.map(async ({ id }) => (await (await fetch(`${catcher.httpUrl}/messages/${id}`)).json()) as CaughtMessageDetail));
}

const template = (subject: string) => ({ subject, html: `<p>${subject}</p>`, text: subject });
const recipient = () => `buyer-${uniqueSuffix()}@example.test`;
const deps = () => ({ db: h.db, mailer });

describe("sendMailOnce", () => {
  it("sends once for the same key, called twice and then 10 times at once, with the key's Message-ID", async () => {
    const to = recipient();
    const key = `order-confirmation:${uniqueSuffix()}`;
    const first = await sendMailOnce(deps(), { key, to, template: template("Your tickets") });
    const second = await sendMailOnce(deps(), { key, to, template: template("Your tickets") });
    const burst = await Promise.all(Array.from({ length: 10 }, () => sendMailOnce(deps(), { key, to, template: template("Your tickets") })));

    expect(first).toEqual({ sent: true, status: "sent", messageId: mailMessageId(key, FROM) });
    expect(second).toMatchObject({ sent: false, status: "already-sent" });
    expect(burst.every((result) => !result.sent)).toBe(true);
    const caught = await caughtFor(to);
    expect(caught).toHaveLength(1);
    expect(caught[0]!.headers["message-id"]).toBe(mailMessageId(key, FROM));
    expect(caught[0]).toMatchObject({ subject: "Your tickets", from: FROM, to: [to] });
  });

  it("lets exactly one of 10 concurrent first calls send", async () => {
    const to = recipient();
    const key = `refund:${uniqueSuffix()}`;
    const results = await Promise.all(Array.from({ length: 10 }, () => sendMailOnce(deps(), { key, to, template: template("Refund") })));
    expect(results.filter((result) => result.sent)).toHaveLength(1);
    expect(results.filter((result) => !result.sent).every((result) => result.status === "in-progress" || result.status === "already-sent")).toBe(true);
    expect(await caughtFor(to)).toHaveLength(1);
    expect(await h.db.processedMessage.count({ where: { messageId: key, consumer: { in: [MAIL_RESERVED, MAIL_SENT] } } })).toBe(2);
  });

  it("sends a second message for a different key, with another Message-ID, and delivers attachments", async () => {
    const to = recipient();
    const pdf = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(2048, 7)]);
    await sendMailOnce(deps(), { key: `a:${uniqueSuffix()}`, to, template: template("First") });
    const second = await sendMailOnce(deps(), {
      key: `b:${uniqueSuffix()}`,
      to,
      template: template("Second"),
      attachments: [{ filename: "invoice-INV-000001.pdf", content: pdf, contentType: "application/pdf" }],
    });
    expect(second.sent).toBe(true);
    const caught = await caughtFor(to);
    expect(caught.map((message) => message.subject).sort()).toEqual(["First", "Second"]);
    expect(new Set(caught.map((message) => message.headers["message-id"])).size).toBe(2);
    expect(caught.find((message) => message.subject === "Second")!.attachments).toEqual([
      { filename: "invoice-INV-000001.pdf", contentType: "application/pdf", size: pdf.length },
    ]);
  });

  it("after a crash between SMTP accept and the mark, re-sends once the lease is over, with the same Message-ID", async () => {
    const to = recipient();
    const key = `crash:${uniqueSuffix()}`;
    // What a sender that crashed after the server accepted leaves: the message out, a reservation, no mark.
    await mailer.send({ to, ...template("Tickets"), messageId: mailMessageId(key, FROM) });
    await h.db.processedMessage.create({ data: { consumer: MAIL_RESERVED, messageId: key, processedAt: new Date(Date.now() - 60_000) } });

    // Within the lease the key is taken to be in flight; after it, one call sends again.
    expect(await sendMailOnce(deps(), { key, to, template: template("Tickets") })).toMatchObject({ sent: false, status: "in-progress" });
    const retries = await Promise.all(Array.from({ length: 5 }, () => sendMailOnce(deps(), { key, to, template: template("Tickets"), leaseMs: 30_000 })));
    expect(retries.filter((result) => result.sent)).toHaveLength(1);
    expect(await sendMailOnce(deps(), { key, to, template: template("Tickets"), leaseMs: 30_000 })).toMatchObject({ status: "already-sent" });

    const caught = await caughtFor(to);
    expect(caught).toHaveLength(2);
    expect(new Set(caught.map((message) => message.headers["message-id"]))).toEqual(new Set([mailMessageId(key, FROM)]));
  });

  it("gives the key back when the server surely did not take the message, so a retry sends it", async () => {
    const to = recipient();
    const key = `down:${uniqueSuffix()}`;
    const down = createMailer({ smtpUrl: `smtp://127.0.0.1:${await findFreePort()}`, from: FROM });
    await expect(sendMailOnce({ db: h.db, mailer: down }, { key, to, template: template("Later") })).rejects.toMatchObject({ code: "ESOCKET" });
    down.close();
    expect(await h.db.processedMessage.count({ where: { messageId: key } })).toBe(0);
    expect(await sendMailOnce(deps(), { key, to, template: template("Later") })).toMatchObject({ sent: true });
    expect(await caughtFor(to)).toHaveLength(1);
  });

  it("refuses keys that are empty or longer than 255 characters", async () => {
    await expect(sendMailOnce(deps(), { key: "", to: recipient(), template: template("x") })).rejects.toMatchObject({ code: "VALIDATION_ERROR" });
    await expect(sendMailOnce(deps(), { key: "k".repeat(256), to: recipient(), template: template("x") })).rejects.toMatchObject({ code: "VALIDATION_ERROR" });
  });
});
