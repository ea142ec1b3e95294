import type { TTx } from "./types.ts";

/**
 * Transaction options for issuing: issuers of one organisation queue on its sequence row, and a
 * burst of issuers queues for the pool's connections first. Issuing is background work (the
 * invoice worker), so waiting up to 30 s for a connection beats failing and retrying.
 */
export const ISSUE_TRANSACTION = { maxWait: 30_000, timeout: 20_000 } as const;

/**
 * Serialises issuing for one order (invoice and credit notes) until the transaction ends, without
 * locking the Order row itself (checkout and refunds keep updating it). Taken before the sequence
 * row, always in that order, so issuers cannot deadlock.
 */
export async function lockOrderForInvoicing(tx: TTx, orderId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('marquee:invoice'), hashtext(${orderId}))`;
}
