import { createHash } from "node:crypto";
import type { Db } from "@marquee/db";
import { AppError } from "../../errors.ts";
import type { Mailer, TMailAttachment, TMailThreading } from "./create-mailer.ts";

export interface TMailDeps {
  db: Db;
  mailer: Mailer;
  /** The lease of a reservation (MAIL_LEASE_SECONDS); default DEFAULT_MAIL_LEASE_MS. */
  mailLeaseMs?: number;
}

/** ProcessedMessage consumers: the reservation (processedAt = lease start) and the sent mark. */
export const MAIL_RESERVED = "mail";
export const MAIL_SENT = "mail.sent";
/** A reservation older than this with no sent mark is taken to be a crashed sender's. */
export const DEFAULT_MAIL_LEASE_MS = 10 * 60 * 1000;

export interface TSendMailOnceInput {
  /** Idempotency key, e.g. `order-confirmation:<orderId>`; 1-255 characters. */
  key: string;
  to: string | string[];
  /** A template's output from @marquee/documents. */
  template: { subject: string; html: string; text: string };
  attachments?: TMailAttachment[];
  /** The Message-ID to send under (angle brackets included); default mailMessageId(key, from). Must be the same on every call with the key. */
  messageId?: string;
  /** From display name, Reply-To, In-Reply-To, References. */
  thread?: TMailThreading;
  /** Tests shorten it to exercise the crash recovery. */
  leaseMs?: number;
}

export type TSendMailOnceResult =
  /** This call handed the message to SMTP. */
  | { sent: true; status: "sent"; messageId: string }
  /** Sent before (by an earlier call): nothing to do. */
  | { sent: false; status: "already-sent"; messageId: string }
  /** Another call holds the key and may be sending right now: retry later (a job should throw). */
  | { sent: false; status: "in-progress"; messageId: string };

/** `<hash@domain>` from the key and the sender's domain: the same key always gives the same Message-ID. */
export function mailMessageId(key: string, from: string): string {
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? "marquee.local";
  return `<${createHash("sha256").update(`marquee-mail:${key}`).digest("hex").slice(0, 40)}@${domain}>`;
}

// Errors after which the server certainly did not take the message: it answered with a refusal,
// or we never got past connecting / the envelope. Anything else (a timeout or a dropped socket
// after DATA) is ambiguous, and the reservation stays until its lease runs out.
const NOT_SENT_CODES = new Set(["EENVELOPE", "EMESSAGE", "EAUTH", "ENOAUTH", "EDNS", "ETLS", "EREQUIRETLS", "ECONFIG", "ESTREAM"]);
function certainlyNotSent(error: unknown): boolean {
  const { responseCode, code, command } = error as { responseCode?: unknown; code?: unknown; command?: unknown };
  return typeof responseCode === "number" || command === "CONN" || command === "API" || (typeof code === "string" && NOT_SENT_CODES.has(code));
}

/** Takes the key: a new reservation, or a stale one (lease run out, never marked sent). Returns the lease token. */
async function reserve(db: Db, key: string, leaseMs: number): Promise<Date | "already-sent" | "in-progress"> {
  const [fresh] = await db.$queryRaw<{ processedAt: Date }[]>`
    INSERT INTO "ProcessedMessage" ("consumer", "messageId", "processedAt") VALUES (${MAIL_RESERVED}, ${key}, (clock_timestamp() AT TIME ZONE 'UTC'))
    ON CONFLICT DO NOTHING RETURNING "processedAt"`;
  if (fresh) return fresh.processedAt;
  const [reclaimed] = await db.$queryRaw<{ processedAt: Date }[]>`
    UPDATE "ProcessedMessage" SET "processedAt" = (clock_timestamp() AT TIME ZONE 'UTC')
    WHERE "consumer" = ${MAIL_RESERVED} AND "messageId" = ${key}
      AND "processedAt" < (clock_timestamp() AT TIME ZONE 'UTC') - ${leaseMs} * interval '1 millisecond'
      AND NOT EXISTS (SELECT 1 FROM "ProcessedMessage" WHERE "consumer" = ${MAIL_SENT} AND "messageId" = ${key})
    RETURNING "processedAt"`;
  if (reclaimed) return reclaimed.processedAt;
  const sent = await db.processedMessage.findUnique({ where: { consumer_messageId: { consumer: MAIL_SENT, messageId: key } }, select: { messageId: true } });
  return sent ? "already-sent" : "in-progress";
}

/**
 * Sends an e-mail at most once per idempotency key (see README: reserve, send, mark). SMTP is not
 * transactional, so the one window is a crash (or a send outliving the lease) after the server
 * accepted the message and before the mark: a later call then re-sends it with the same Message-ID.
 */
export async function sendMailOnce(deps: TMailDeps, input: TSendMailOnceInput): Promise<TSendMailOnceResult> {
  if (input.key.length < 1 || input.key.length > 255) throw new AppError("VALIDATION_ERROR", "Mail idempotency keys are 1-255 characters.");
  const messageId = input.messageId ?? mailMessageId(input.key, deps.mailer.from);
  const lease = await reserve(deps.db, input.key, input.leaseMs ?? deps.mailLeaseMs ?? DEFAULT_MAIL_LEASE_MS);
  if (lease === "already-sent" || lease === "in-progress") return { sent: false, status: lease, messageId };

  try {
    await deps.mailer.send({ to: input.to, ...input.template, messageId, attachments: input.attachments, thread: input.thread });
  } catch (error) {
    // Give the key back only when the message surely did not leave, so a retry sends it now.
    if (certainlyNotSent(error)) {
      await deps.db.processedMessage.deleteMany({ where: { consumer: MAIL_RESERVED, messageId: input.key, processedAt: lease } });
    }
    throw error;
  }
  await deps.db.processedMessage.createMany({ data: [{ consumer: MAIL_SENT, messageId: input.key }], skipDuplicates: true });
  return { sent: true, status: "sent", messageId };
}

/**
 * For senders that must know the e-mail went out (a job, a saga step): whether this call sent it,
 * and a retryable CONFLICT while another call holds the key (it may be sending, or have died
 * holding it until the lease ends), so the caller runs again rather than report a send it has not seen.
 */
export function sentOrRetryLater(result: TSendMailOnceResult): boolean {
  if (result.status === "in-progress") throw new AppError("CONFLICT", "This e-mail is being sent by another call; try again shortly.");
  return result.sent;
}
