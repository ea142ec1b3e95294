import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { authSecretKey } from "../../lib/bound-token.ts";

// Endpoint secrets must be readable again (the worker signs with them), so they are sealed rather
// than hashed: AES-256-GCM under a key derived from AUTH_SECRET, the endpoint's id as associated
// data, so a database dump alone cannot sign and a value copied onto another endpoint does not open.

const PURPOSE = "webhook-secret";

/** `whsec_` and 32 random bytes, base64url. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString("base64url")}`;

/** `v1.<iv>.<ciphertext>.<tag>`, base64url parts. */
export function sealWebhookSecret(endpointId: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", authSecretKey(PURPOSE), iv).setAAD(Buffer.from(endpointId));
  const sealed = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), sealed.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
}

/** The secret, or null when the value does not open (another endpoint's, or another AUTH_SECRET). */
export function openWebhookSecret(endpointId: string, stored: string): string | null {
  const [version, iv, sealed, tag] = stored.split(".");
  if (version !== "v1" || !iv || !sealed || !tag) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", authSecretKey(PURPOSE), Buffer.from(iv, "base64url"))
      .setAAD(Buffer.from(endpointId))
      .setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(sealed, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
