import { createHmac, timingSafeEqual } from "node:crypto";
import { createEnv, secret } from "@marquee/config/env";
import type { Db } from "@marquee/db";

/** What a download link opens: an order's tickets PDF, one transferred ticket's PDF, or one invoice or credit note PDF. */
export type TDocumentRef = { kind: "tickets"; orderId: string } | { kind: "ticket"; ticketId: string } | { kind: "invoice"; invoiceId: string };

/** Where the web origin (and the standalone API server) serve downloads: `${DOCUMENT_PATH}/<token>`. */
export const DOCUMENT_PATH = "/api/documents";
/** How long a link handed to a buyer or an organiser works. */
export const DOCUMENT_LINK_TTL_MS = 60 * 60 * 1_000;

let key: Buffer | undefined;

/** A key of its own, derived from AUTH_SECRET (read on first use, as the API servers read it). */
function signingKey(): Buffer {
  key ??= createHmac("sha256", createEnv({ AUTH_SECRET: secret("dev-only-auth-secret-change-me-in-production") }).AUTH_SECRET)
    .update("marquee-document-links.v1")
    .digest();
  return key;
}

const mac = (payload: string) => createHmac("sha256", signingKey()).update(`marquee-document.v1.${payload}`).digest();

/**
 * A signed, expiring download path, like a pre-signed storage URL: whoever has it may fetch that
 * one document until it expires, with no session (e-mail clients, download managers, phones).
 * `v1.<base64url JSON {k, i, x}>.<HMAC-SHA256>`.
 */
export function documentLink(ref: TDocumentRef, expiresAt: Date): string {
  const id = ref.kind === "tickets" ? ref.orderId : ref.kind === "ticket" ? ref.ticketId : ref.invoiceId;
  const payload = Buffer.from(JSON.stringify({ k: ref.kind, i: id, x: expiresAt.getTime() })).toString("base64url");
  return `${DOCUMENT_PATH}/v1.${payload}.${mac(payload).toString("base64url")}`;
}

export type TReadLink = { ok: true; ref: TDocumentRef } | { ok: false; reason: "INVALID" | "EXPIRED" };

/** The document a token names, if its signature holds and it has not expired. */
export function readDocumentLink(token: string, now: Date): TReadLink {
  const [version, payload, signature, ...rest] = token.split(".");
  if (version !== "v1" || !payload || !signature || rest.length > 0 || token.length > 512) return { ok: false, reason: "INVALID" };
  const expected = mac(payload);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "INVALID" };
  const body = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { k?: unknown; i?: unknown; x?: unknown };
  if (typeof body.i !== "string" || typeof body.x !== "number" || (body.k !== "tickets" && body.k !== "ticket" && body.k !== "invoice"))
    return { ok: false, reason: "INVALID" };
  if (body.x <= now.getTime()) return { ok: false, reason: "EXPIRED" };
  if (body.k === "ticket") return { ok: true, ref: { kind: "ticket", ticketId: body.i } };
  return { ok: true, ref: body.k === "tickets" ? { kind: "tickets", orderId: body.i } : { kind: "invoice", invoiceId: body.i } };
}

export interface TOrderDocumentLinks {
  /** The tickets PDF (valid tickets), while the order has any. */
  ticketsPdf: string | null;
  /** The invoice and any credit notes, oldest first. */
  invoices: { kind: "INVOICE" | "CREDIT_NOTE"; number: string; issuedAt: Date; pdf: string }[];
  expiresAt: Date;
}

/** Download links for a paid order's documents (none before it is paid). */
export async function orderDocumentLinks(db: Db, order: { id: string; status: string }, now: Date): Promise<TOrderDocumentLinks> {
  const expiresAt = new Date(now.getTime() + DOCUMENT_LINK_TTL_MS);
  const paid = order.status === "PAID" || order.status === "PARTIALLY_REFUNDED";
  const invoices = await db.invoice.findMany({
    where: { orderId: order.id },
    orderBy: { number: "asc" },
    select: { id: true, kind: true, displayNumber: true, issuedAt: true },
  });
  return {
    ticketsPdf: paid ? documentLink({ kind: "tickets", orderId: order.id }, expiresAt) : null,
    invoices: invoices.map((invoice) => ({
      kind: invoice.kind,
      number: invoice.displayNumber,
      issuedAt: invoice.issuedAt,
      pdf: documentLink({ kind: "invoice", invoiceId: invoice.id }, expiresAt),
    })),
    expiresAt,
  };
}
