import type { KeyObject } from "node:crypto";
import { decryptSigningKey } from "@marquee/db/signing-key";
import { AppError } from "../../errors.ts";
import type { TTx } from "./types.ts";

// Decrypted private keys, per process: AES-GCM and PKCS8 parsing cost more than signing, and an
// order of ten tickets needs the same key ten times. Keyed by secret and ciphertext, so a caller
// with another secret never signs with a key it could not decrypt itself; bounded like the public
// key cache in @marquee/tickets.
const decrypted = new Map<string, KeyObject>();
const MAX_CACHED_KEYS = 256;

export function privateSigningKey(key: { keyId: string; privateKeyEncrypted: string }, secret: string): KeyObject {
  const cacheKey = `${secret}\u0000${key.privateKeyEncrypted}`;
  let privateKey = decrypted.get(cacheKey);
  if (!privateKey) {
    try {
      privateKey = decryptSigningKey(key.privateKeyEncrypted, secret);
    } catch (error) {
      // A configuration fault (wrong TICKET_KEY_SECRET), not the caller's: stays INTERNAL.
      throw new Error(`Cannot decrypt signing key ${key.keyId}: is TICKET_KEY_SECRET the one it was created with?`, { cause: error });
    }
    if (decrypted.size >= MAX_CACHED_KEYS) decrypted.clear();
    decrypted.set(cacheKey, privateKey);
  }
  return privateKey;
}

/** The event's ACTIVE key (the newest if a rotation left two); CONFLICT when it has none. */
export async function activeSigningKey(tx: TTx, eventId: string) {
  const key = await tx.eventSigningKey.findFirst({
    where: { eventId, status: "ACTIVE" },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, keyId: true, privateKeyEncrypted: true },
  });
  if (!key) throw new AppError("CONFLICT", "The event has no active signing key", { eventId });
  return key;
}
