import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Server as NetServer } from "node:net";
import { simpleParser, type AddressObject, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { ConfigError } from "@marquee/config/env";
import { silentLog, type Log } from "../log.ts";
import { forwardedRecipients, forwardMail, type ForwardStatus, type MailForward } from "./mail-forward.ts";
import { bindAddress, canConnect, httpStatus, isLocalHost } from "./net.ts";
import type { ServiceHandle } from "./types.ts";

export interface CaughtAttachment {
  filename: string | null;
  contentType: string;
  size: number;
}

export interface CaughtMessage {
  id: string;
  /** The From header as written, e.g. `Marquee <tickets@marquee.local>`. */
  from: string;
  /** Envelope recipients (To, Cc and Bcc as actually delivered). */
  to: string[];
  subject: string;
  /** ISO date: the Date header, else when it was received. */
  date: string;
  text: string | null;
  html: string | null;
  attachments: CaughtAttachment[];
  /** Set when the message went to the inbound endpoint (a recipient at the forward's domain). */
  forward?: ForwardStatus;
}

export interface CaughtMessageDetail extends CaughtMessage {
  headers: Record<string, string>;
}

export interface MailCatcher {
  readonly smtpPort: number;
  readonly httpPort: number;
  /** Base URL of the JSON API, e.g. http://127.0.0.1:1080. */
  readonly httpUrl: string;
  messages(): CaughtMessageDetail[];
  clear(): void;
  close(): Promise<void>;
}

export interface MailCatcherOptions {
  smtpHost?: string;
  smtpPort: number;
  httpHost?: string;
  httpPort: number;
  /** Oldest messages are dropped beyond this many. */
  maxMessages?: number;
  /** Largest accepted message (SMTP SIZE). */
  maxMessageBytes?: number;
  /** Forward mail for the inbound domain to the console's inbound endpoint (MAILCATCHER_FORWARD_*). */
  forward?: MailForward;
  log?: Log;
}

/** `Name <address>` (decoded, unquoted), comma-separated. */
const addressText = (value: AddressObject | AddressObject[] | undefined): string =>
  (value === undefined ? [] : Array.isArray(value) ? value : [value])
    .flatMap((entry) => entry.value)
    .map((address) => (address.name ? `${address.name} <${address.address ?? ""}>` : (address.address ?? "")))
    .join(", ");

function toCaught(id: string, parsed: ParsedMail, envelopeFrom: string, recipients: string[]): CaughtMessageDetail {
  const headers: Record<string, string> = {};
  for (const line of parsed.headerLines) headers[line.key] = line.line.slice(line.line.indexOf(":") + 1).trim();
  return {
    id,
    from: addressText(parsed.from) || envelopeFrom,
    to: recipients,
    subject: parsed.subject ?? "",
    date: (parsed.date ?? new Date()).toISOString(),
    text: parsed.text ?? null,
    html: typeof parsed.html === "string" ? parsed.html : null,
    attachments: parsed.attachments.map((attachment) => ({
      filename: attachment.filename ?? null,
      contentType: attachment.contentType,
      size: attachment.size,
    })),
    headers,
  };
}

const summary = ({ headers: _headers, ...message }: CaughtMessageDetail): CaughtMessage => message;

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", "access-control-allow-origin": "*" });
  response.end(json);
}

function listen(server: NetServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once("error", onError);
    server.listen(port, host, () => {
      server.removeListener("error", onError);
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : port);
    });
  });
}

/** A real SMTP server that keeps what it receives in memory and lists it as JSON over HTTP. */
export async function startMailCatcher(options: MailCatcherOptions): Promise<MailCatcher> {
  const log = options.log ?? silentLog;
  const maxMessages = options.maxMessages ?? 200;
  const maxMessageBytes = options.maxMessageBytes ?? 20 * 1024 * 1024;
  const stored: CaughtMessageDetail[] = [];
  let sequence = 0;

  const smtp = new SMTPServer({
    banner: "Marquee mail catcher",
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    size: maxMessageBytes,
    logger: false,
    // close() otherwise waits up to 30 s for idle client connections.
    closeTimeout: 1_000,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? "anonymous" }),
    onData: (stream, session, callback) => {
      // Kept raw as well: a forwarded message goes on byte for byte.
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on("data", (chunk: Buffer) => {
        // Past the SIZE limit the server refuses the message anyway: stop keeping its bytes.
        if ((size += chunk.length) <= maxMessageBytes) chunks.push(chunk);
      });
      new Promise<Buffer>((resolve, reject) => {
        stream.once("end", () => resolve(Buffer.concat(chunks)));
        stream.once("error", reject);
      })
        .then(async (raw) => ({ raw, parsed: await simpleParser(raw) }))
        .then(({ raw, parsed }) => {
          if ((stream as { sizeExceeded?: boolean }).sizeExceeded) {
            callback(Object.assign(new Error("Message exceeds the size limit"), { responseCode: 552 }));
            return;
          }
          const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
          const recipients = session.envelope.rcptTo.map((recipient) => recipient.address);
          const message = toCaught(String(++sequence), parsed, envelopeFrom, recipients);
          stored.push(message);
          if (stored.length > maxMessages) stored.splice(0, stored.length - maxMessages);
          log(`caught "${message.subject}" for ${recipients.join(", ")} (#${message.id})`);
          const forwardTo = options.forward ? forwardedRecipients(options.forward, recipients) : [];
          if (options.forward && forwardTo.length > 0) {
            message.forward = "pending";
            void forwardMail(options.forward, raw, forwardTo, log).then((status) => {
              message.forward = status;
            });
          }
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  smtp.on("error", (error) => log(`smtp error: ${error.message}`));

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://catcher");
    const parts = url.pathname.split("/").filter(Boolean);
    if (parts[0] !== "messages" || parts.length > 2) return sendJson(response, 404, { error: "not found" });
    if (parts.length === 1 && request.method === "GET") {
      const to = url.searchParams.get("to")?.toLowerCase();
      const list = stored.filter((message) => !to || message.to.some((address) => address.toLowerCase() === to));
      return sendJson(response, 200, list.map(summary).reverse());
    }
    if (parts.length === 1 && request.method === "DELETE") {
      stored.length = 0;
      return sendJson(response, 200, { deleted: true });
    }
    if (parts.length === 2 && request.method === "GET") {
      const message = stored.find((candidate) => candidate.id === parts[1]);
      return message ? sendJson(response, 200, message) : sendJson(response, 404, { error: "no such message" });
    }
    return sendJson(response, 405, { error: "method not allowed" });
  };
  const http = createServer((request, response) => {
    try {
      handle(request, response);
    } catch (error) {
      sendJson(response, 500, { error: error instanceof Error ? error.message : String(error) });
    }
  });

  const smtpHost = bindAddress(options.smtpHost ?? "127.0.0.1");
  const httpHost = bindAddress(options.httpHost ?? "127.0.0.1");
  let smtpPort: number;
  try {
    smtpPort = await listen(smtp.server, options.smtpPort, smtpHost);
  } catch (error) {
    throw new ConfigError(`Mail catcher cannot listen on SMTP ${smtpHost}:${options.smtpPort}: ${(error as Error).message}`);
  }
  let httpPort: number;
  try {
    httpPort = await listen(http, options.httpPort, httpHost);
  } catch (error) {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    throw new ConfigError(`Mail catcher cannot listen on HTTP ${httpHost}:${options.httpPort}: ${(error as Error).message}`);
  }
  const httpUrl = `http://${httpHost.includes(":") ? `[${httpHost}]` : httpHost}:${httpPort}`;
  log(`SMTP on ${smtpHost}:${smtpPort}, messages at ${httpUrl}/messages`);

  return {
    smtpPort,
    httpPort,
    httpUrl,
    messages: () => [...stored],
    clear: () => {
      stored.length = 0;
    },
    close: async () => {
      http.closeAllConnections();
      await Promise.all([new Promise<void>((resolve) => http.close(() => resolve())), new Promise<void>((resolve) => smtp.close(() => resolve()))]);
    },
  };
}

export interface MailCatcherHandle extends ServiceHandle {
  /** The SMTP URL mail should be sent to. */
  readonly smtpUrl: string;
}

/**
 * Find-or-start for `npm start`: our catcher already answering on MAILCATCHER_HTTP_PORT, or any
 * SMTP server on SMTP_URL's port (e.g. mailpit from docker/compose.yml), is used; otherwise a
 * catcher starts in this process.
 */
export async function findOrStartMailCatcher(options: {
  smtpUrl: string;
  httpPort: number;
  httpUrl: string;
  maxMessages?: number;
  forward?: MailForward;
  log?: Log;
}): Promise<MailCatcherHandle> {
  const smtp = new URL(options.smtpUrl);
  const smtpHost = smtp.hostname.replace(/^\[|\]$/g, "") || "127.0.0.1";
  const smtpPort = smtp.port ? Number(smtp.port) : smtp.protocol === "smtps:" ? 465 : 25;
  const found = (description: string): MailCatcherHandle => ({
    url: options.httpUrl,
    smtpUrl: options.smtpUrl,
    startedByUs: false,
    description,
    stop: async () => {},
  });

  if (await canConnect(smtpHost, smtpPort)) {
    const ours = (await httpStatus(`http://127.0.0.1:${options.httpPort}/messages`)) === 200;
    return found(ours ? `mail catcher at ${smtpHost}:${smtpPort} (already running)` : `SMTP server at ${smtpHost}:${smtpPort} (already running)`);
  }
  if (!isLocalHost(smtpHost)) return found(`SMTP server at ${smtpHost}:${smtpPort} (not checked: not local)`);
  if (smtp.protocol === "smtps:")
    throw new ConfigError(`Nothing answers on ${smtpHost}:${smtpPort} and the local mail catcher does not speak smtps://; use SMTP_URL=smtp://127.0.0.1:1025`);

  const catcher = await startMailCatcher({
    smtpHost,
    smtpPort,
    httpPort: options.httpPort,
    maxMessages: options.maxMessages,
    forward: options.forward,
    log: options.log,
  });
  return {
    url: options.httpUrl,
    smtpUrl: options.smtpUrl,
    startedByUs: true,
    description: "mail catcher (in process)",
    stop: () => catcher.close(),
  };
}
