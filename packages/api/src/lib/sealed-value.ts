import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { authSecretKey } from "./bound-token.ts";

// Secrets that must be readable again (TOTP seeds, webhook signing secrets) are sealed rather than
// hashed: AES-256-GCM under a key derived from AUTH_SECRET for the purpose, with the owning row's
// id as associated data, so a database dump alone cannot use them and a value copied onto another
// row does not open. Stored as `v1.<iv>.<ciphertext>.<tag>` (base64url parts).

export function sealValue(purpose: string, ownerId: string, value: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", authSecretKey(purpose), iv).setAAD(Buffer.from(ownerId));
  const sealed = Buffer.concat([cipher.update(value, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), sealed.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
}

/** The value, or null when it does not open (another owner's, another purpose's, or another AUTH_SECRET). */
export function openSealedValue(purpose: string, ownerId: string, stored: string): string | null {
  const [version, iv, sealed, tag] = stored.split(".");
  if (version !== "v1" || !iv || !sealed || !tag) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", authSecretKey(purpose), Buffer.from(iv, "base64url"))
      .setAAD(Buffer.from(ownerId))
      .setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(sealed, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
