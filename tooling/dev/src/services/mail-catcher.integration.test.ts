import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaughtMessage, CaughtMessageDetail, MailCatcher } from "./mail-catcher.ts";
import { findOrStartMailCatcher, startMailCatcher } from "./mail-catcher.ts";
import { findFreePort } from "./net.ts";

let catcher: MailCatcher;
let smtpPort: number;

beforeAll(async () => {
  smtpPort = await findFreePort();
  catcher = await startMailCatcher({ smtpPort, httpPort: await findFreePort(), maxMessages: 3 });
});
afterAll(() => catcher.close());

const transport = () => nodemailer.createTransport({ host: "127.0.0.1", port: smtpPort, secure: false, ignoreTLS: true });
const getJson = async <T>(path: string, init?: RequestInit): Promise<{ status: number; body: T }> => {
  const response = await fetch(`${catcher.httpUrl}${path}`, init);
  return { status: response.status, body: (await response.json()) as T };
};

describe("mail catcher", () => {
  it("catches a real SMTP message and serves it as JSON", async () => {
    await getJson("/messages", { method: "DELETE" });
    const info = await transport().sendMail({
      from: "Marquee <tickets@marquee.local>",
      to: "buyer@example.test",
      bcc: "audit@example.test",
      subject: "Your tickets for Hamlet",
      text: "See you at the door.",
      html: "<p>See you at the <b>door</b>.</p>",
      attachments: [{ filename: "tickets.pdf", content: Buffer.alloc(1234, 1), contentType: "application/pdf" }],
    });
    expect(info.accepted).toEqual(["buyer@example.test", "audit@example.test"]);

    const list = await getJson<CaughtMessage[]>("/messages");
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(1);
    const [message] = list.body;
    expect(message).toMatchObject({
      from: "Marquee <tickets@marquee.local>",
      to: ["buyer@example.test", "audit@example.test"],
      subject: "Your tickets for Hamlet",
      text: "See you at the door.",
      html: "<p>See you at the <b>door</b>.</p>",
      attachments: [{ filename: "tickets.pdf", contentType: "application/pdf", size: 1234 }],
    });
    expect(Number.isNaN(Date.parse(message!.date))).toBe(false);

    const detail = await getJson<CaughtMessageDetail>(`/messages/${message!.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.headers.subject).toBe("Your tickets for Hamlet");
    expect((await getJson(`/messages/does-not-exist`)).status).toBe(404);
  });

  it("filters by recipient, keeps only the newest maxMessages, and clears", async () => {
    await getJson("/messages", { method: "DELETE" });
    for (const n of [1, 2, 3, 4]) await transport().sendMail({ from: "a@example.test", to: `user${n}@example.test`, subject: `#${n}`, text: "x" });

    const all = await getJson<CaughtMessage[]>("/messages");
    expect(all.body.map((message) => message.subject)).toEqual(["#4", "#3", "#2"]); // newest first, #1 dropped
    const filtered = await getJson<CaughtMessage[]>("/messages?to=USER3@example.test");
    expect(filtered.body.map((message) => message.subject)).toEqual(["#3"]);

    expect((await getJson("/messages", { method: "DELETE" })).status).toBe(200);
    expect((await getJson<CaughtMessage[]>("/messages")).body).toEqual([]);
  });

  it("is found running by findOrStartMailCatcher instead of started twice", async () => {
    const handle = await findOrStartMailCatcher({ smtpUrl: `smtp://127.0.0.1:${smtpPort}`, httpPort: catcher.httpPort, httpUrl: catcher.httpUrl });
    expect(handle.startedByUs).toBe(false);
    expect(handle.description).toContain("mail catcher");
  });
});
