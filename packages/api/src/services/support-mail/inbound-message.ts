import { createHash } from "node:crypto";
import { hasControlCharacter } from "../../lib/control-characters.ts";
import { type AddressObject, type Attachment, simpleParser } from "mailparser";

// An inbound e-mail reduced to what routing and the conversation need, parsed with mailparser
// (HTML-only mail comes with its text too).

export interface TInboundMessage {
  /** The Message-ID with angle brackets, or a synthetic one from the raw bytes' SHA-256. */
  messageId: string;
  from: { address: string; name: string | null } | null;
  /** To, Cc, Delivered-To, X-Original-To and the envelope's, lower-cased, without repeats. */
  recipients: string[];
  /** In-Reply-To and References, newest first. */
  threadIds: string[];
  subject: string;
  text: string;
  /** An auto-reply, a bulk or list message: never answered (mail loops). */
  automatic: boolean;
  /** "de" when the mail says so (Content-Language), else "en". */
  locale: string;
  attachments: Attachment[];
}

/** Text without the control characters PostgreSQL or the inbox cannot take (NUL above all); tabs and line breaks stay. */
export const withoutControlCharacters = (text: string): string =>
  [...text].filter((char) => char === "\t" || char === "\n" || char === "\r" || !hasControlCharacter(char)).join("");

/** Recipients routing considers (the envelope's first, then To, Cc, Delivered-To, X-Original-To). */
export const MAX_RECIPIENTS = 100;

const ADDRESS = /[^\s<>,;:"'()[\]]+@[A-Za-z0-9.-]+/g;
const MESSAGE_ID = /<[^<>\s]{1,900}>/g;

const addressesOf = (value: AddressObject | AddressObject[] | undefined): string[] =>
  (value === undefined ? [] : Array.isArray(value) ? value : [value]).flatMap((entry) => entry.value).flatMap((address) => address.address ?? []);

function headerText(headerLines: readonly { key: string; line: string }[], key: string): string[] {
  return headerLines.filter((line) => line.key === key).map((line) => line.line.slice(line.line.indexOf(":") + 1).trim());
}

/** Auto-Submitted other than "no", Precedence bulk/junk/list, X-Autoreply, X-Autorespond (RFC 3834 and common practice). */
export function isAutomatic(headerLines: readonly { key: string; line: string }[]): boolean {
  const autoSubmitted = headerText(headerLines, "auto-submitted").map((value) => value.toLowerCase().split(";")[0]!.trim());
  if (autoSubmitted.some((value) => value !== "" && value !== "no")) return true;
  if (headerText(headerLines, "precedence").some((value) => /^(bulk|junk|list)\b/i.test(value))) return true;
  return headerText(headerLines, "x-autoreply").length > 0 || headerText(headerLines, "x-autorespond").length > 0;
}

export const syntheticMessageId = (raw: Buffer, domain: string) => `<sha256-${createHash("sha256").update(raw).digest("hex")}@${domain}>`;

/** Parses the raw RFC 822 message; envelope recipients (from the endpoint) join the header's. */
export async function parseInboundEmail(raw: Buffer, envelopeRecipients: readonly string[], domain: string): Promise<TInboundMessage> {
  const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextLinks: true });
  const lines = parsed.headerLines;
  const recipients = [
    ...envelopeRecipients,
    ...addressesOf(parsed.to),
    ...addressesOf(parsed.cc),
    ...["delivered-to", "x-original-to"].flatMap((key) => headerText(lines, key).flatMap((value) => value.match(ADDRESS) ?? [])),
  ].map((address) => address.trim().toLowerCase());
  const sender = addressesOf(parsed.from)[0];
  const senderName = (Array.isArray(parsed.from) ? parsed.from[0] : parsed.from)?.value[0]?.name?.trim() || null;
  const ids = (value: string | undefined) => (value ? withoutControlCharacters(value).match(MESSAGE_ID) : null);
  const inReplyTo = ids(parsed.inReplyTo) ?? [];
  const references = (Array.isArray(parsed.references) ? parsed.references : parsed.references ? [parsed.references] : []).flatMap(
    (value) => ids(value) ?? (value.includes("@") && !/[\s<>]/.test(value.trim()) ? [`<${withoutControlCharacters(value.trim())}>`] : []),
  );
  const messageId = ids(parsed.messageId)?.[0] ?? syntheticMessageId(raw, domain);
  const language = headerText(lines, "content-language")[0]?.toLowerCase() ?? "";
  return {
    messageId,
    from: sender ? { address: sender.trim().toLowerCase(), name: senderName ? withoutControlCharacters(senderName) : null } : null,
    // Bounded: routing looks each one up.
    recipients: [...new Set(recipients)].slice(0, MAX_RECIPIENTS),
    threadIds: [...new Set([...inReplyTo, ...references.reverse()])],
    subject: withoutControlCharacters(parsed.subject ?? "")
      .replace(/\s+/g, " ")
      .trim(),
    text: withoutControlCharacters(parsed.text ?? ""),
    automatic: isAutomatic(lines),
    locale: language.startsWith("de") ? "de" : "en",
    attachments: parsed.attachments,
  };
}
