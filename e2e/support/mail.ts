// Mail as the stack's SMTP catcher holds it: wait for the one e-mail with a subject, and the link
// in it (sign-up proof, invitations, sign-in links).
import { expect } from "@playwright/test";
import { e2eConfig } from "./env.ts";
import { mailsTo } from "./shop-data.ts";

type TMail = Awaited<ReturnType<typeof mailsTo>>[number];

/** The one e-mail with this subject to the address, once it has arrived (a second one fails). */
export async function mailWithSubject(email: string, subject: string, timeout = 30_000): Promise<TMail> {
  const withSubject = async () => (await mailsTo(e2eConfig.ports.mailHttp, email)).filter((mail) => mail.subject === subject);
  await expect.poll(async () => (await withSubject()).length, { timeout, message: `e-mail "${subject}" to ${email}` }).toBe(1);
  return (await withSubject())[0]!;
}

/** The link matching `pattern` in the text of the one e-mail with this subject to the address. */
export async function linkMailed(email: string, subject: string, pattern: RegExp): Promise<string> {
  const mail = await mailWithSubject(email, subject);
  const link = mail.text?.match(pattern)?.[0];
  expect(link, mail.text ?? "no text part").toBeTruthy();
  return link!;
}
