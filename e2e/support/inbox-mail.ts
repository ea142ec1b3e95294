// The help inbox's e-mail loop as a buyer's mail program sees it: the agent's reply in the stack's
// SMTP catcher (with its headers: Message-ID, Reply-To), and the buyer's answer sent back through
// the catcher's SMTP port to that Reply-To, threaded with In-Reply-To and References.
import { expect } from "@playwright/test";
import { createTransport } from "nodemailer";
import { e2eConfig } from "./env.ts";
import { mailsTo } from "./shop-data.ts";

interface TCaughtDetail {
  id: string;
  subject: string;
  text: string | null;
  headers: Record<string, string>;
}

/** The one e-mail to the address whose text contains `text`, with its headers, once it has arrived. */
export async function mailContaining(email: string, text: string, timeout = 45_000): Promise<TCaughtDetail> {
  const matching = async () => (await mailsTo(e2eConfig.ports.mailHttp, email)).filter((mail) => mail.text?.includes(text));
  await expect.poll(async () => (await matching()).length, { timeout, message: `an e-mail to ${email} containing "${text}"` }).toBe(1);
  const [mail] = await matching();
  const response = await fetch(`http://127.0.0.1:${e2eConfig.ports.mailHttp}/messages/${encodeURIComponent(mail!.id)}`);
  const detail = (await response.json()) as TCaughtDetail;
  // Header names as mailparser gives them: lower case.
  detail.headers = Object.fromEntries(Object.entries(detail.headers).map(([key, value]) => [key.toLowerCase(), value]));
  return detail;
}

/** The bare address of a header like `Support <reply+abc@inbound.test>`. */
export const addressOf = (header: string): string => /<([^>]+)>/.exec(header)?.[1] ?? header.trim();

/** The buyer answers the e-mail from their mail program: to its Reply-To, threaded on its Message-ID. */
export async function answerByEmail(original: TCaughtDetail, from: { name: string; email: string }, body: string): Promise<void> {
  const replyTo = original.headers["reply-to"];
  const messageId = original.headers["message-id"];
  expect(replyTo, "the agent's e-mail has a Reply-To").toBeTruthy();
  expect(messageId, "the agent's e-mail has a Message-ID").toBeTruthy();
  const transport = createTransport({ host: "127.0.0.1", port: e2eConfig.ports.smtp, secure: false, ignoreTLS: true });
  await transport.sendMail({
    from: { name: from.name, address: from.email },
    to: addressOf(replyTo!),
    subject: `Re: ${original.subject}`,
    inReplyTo: messageId,
    references: [messageId!],
    text: `${body}\n\nOn an earlier day, support wrote:\n> ${(original.text ?? "").split("\n").join("\n> ")}`,
  });
  transport.close();
}
