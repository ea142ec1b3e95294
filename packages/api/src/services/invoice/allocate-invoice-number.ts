import type { TTx } from "./types.ts";

export interface TAllocatedNumber {
  number: number;
  /** Prefix + zero-padded number as printed, e.g. "INV-000042". */
  displayNumber: string;
}

export const formatInvoiceNumber = (prefix: string, number: number): string => `${prefix}${String(number).padStart(6, "0")}`;

/**
 * The organisation's next invoice number, inside the caller's transaction. The UPDATE takes the
 * sequence row's lock and keeps it until the caller commits or rolls back, so concurrent issuers
 * queue on it: numbers are unique and, because a rolled-back transaction undoes its increment,
 * gap-free. Keep the rest of the caller's transaction short: every issuer of the organisation
 * waits for it. The row is created on first use.
 */
export async function allocateInvoiceNumber(tx: TTx, organizationId: string): Promise<TAllocatedNumber> {
  await tx.$executeRaw`INSERT INTO "InvoiceSequence" ("organizationId") VALUES (${organizationId}::uuid) ON CONFLICT DO NOTHING`;
  const [row] = await tx.$queryRaw<{ number: number; prefix: string }[]>`
    UPDATE "InvoiceSequence" SET "nextNumber" = "nextNumber" + 1
    WHERE "organizationId" = ${organizationId}::uuid
    RETURNING "nextNumber" - 1 AS "number", "prefix"`;
  if (!row) throw new Error(`Invoice sequence of organisation ${organizationId} is missing`);
  return { number: row.number, displayNumber: formatInvoiceNumber(row.prefix, row.number) };
}
