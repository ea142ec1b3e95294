// The catcher's forwarding of inbound support mail (real SMTP in, real HTTP out): only messages
// with a recipient at the inbound domain, raw, with the Bearer secret and the envelope recipients;
// retried after a 5xx, not after a 4xx.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMailCatcher, type MailCatcher } from "./mail-catcher.ts";
import { findFreePort, waitUntil } from "./net.ts";

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

let server: Server;
let catcher: MailCatcher;
let smtpPort: number;
const received: Received[] = [];
// Status codes the endpoint answers, in order (then 200).
const answers: number[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      const status = answers.shift() ?? 200;
      response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ status }));
    });
  });
  const httpPort = await findFreePort();
  await new Promise<void>((resolve) => server.listen(httpPort, "127.0.0.1", resolve));
  smtpPort = await findFreePort();
  catcher = await startMailCatcher({
    smtpPort,
    httpPort: await findFreePort(),
    forward: { domain: "inbound.marquee.test", url: `http://127.0.0.1:${httpPort}/api/inbound-email`, secret: "forward-secret-0123456789", retryDelayMs: 10 },
  });
});
afterAll(async () => {
  await catcher.close();
  await new Promise((resolve) => server.close(resolve));
});

const send = (to: string[], subject: string) =>
  nodemailer
    .createTransport({ host: "127.0.0.1", port: smtpPort, secure: false, ignoreTLS: true })
    .sendMail({ from: "jo@example.test", to, subject, text: "Row 7 is fine." });
const caught = (subject: string) => catcher.messages().find((message) => message.subject === subject);

describe("mail catcher forwarding", () => {
  it("forwards a message for the inbound domain raw, with the secret and envelope recipient, retrying after a 503", async () => {
    received.length = 0;
    answers.push(503);
    await send(["reply+abc@inbound.marquee.test", "other@example.test"], "Re: Wrong seat");
    await waitUntil(() => Promise.resolve(caught("Re: Wrong seat")?.forward === "forwarded"), {
      timeoutMs: 10_000,
      intervalMs: 20,
      description: "the forward",
    });
    expect(received).toHaveLength(2);
    for (const request of received) {
      expect(request.headers.authorization).toBe("Bearer forward-secret-0123456789");
      expect(request.headers["content-type"]).toBe("message/rfc822");
      expect(request.headers["x-envelope-to"]).toBe("reply+abc@inbound.marquee.test");
      expect(request.body).toMatch(/^Subject: Re: Wrong seat\r$/m);
      expect(request.body).toContain("Row 7 is fine.");
    }
  });

  it("leaves other mail alone and gives up on a 4xx at once", async () => {
    received.length = 0;
    await send(["buyer@example.test"], "Your tickets");
    expect(caught("Your tickets")?.forward).toBeUndefined();
    answers.push(422);
    await send(["nobody@inbound.marquee.test"], "Unroutable");
    await waitUntil(() => Promise.resolve(caught("Unroutable")?.forward === "refused"), { timeoutMs: 10_000, intervalMs: 20, description: "the forward" });
    expect(received).toHaveLength(1);
    expect(received[0]!.headers["x-envelope-to"]).toBe("nobody@inbound.marquee.test");
  });
});
