import { createCipheriv, createDecipheriv, createHash, createPrivateKey, generateKeyPairSync, randomBytes, type KeyObject } from "node:crypto";

// Ed25519 event keys. The private half is stored encrypted with AES-256-GCM under a key derived
// from TICKET_KEY_SECRET, so a database dump alone cannot forge tickets.

const deriveKey = (secret: string) => createHash("sha256").update(`marquee:ticket-keys:${secret}`).digest();

export interface NewSigningKey {
  keyId: string;
  publicKey: string; // base64 raw 32 bytes
  privateKeyEncrypted: string; // v1.<iv>.<tag>.<ciphertext> (base64url)
}

export function generateSigningKey(secret: string): NewSigningKey {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const rawPublic = publicKey.export({ format: "der", type: "spki" }).subarray(-32);
  const pkcs8 = privateKey.export({ format: "der", type: "pkcs8" });
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", deriveKey(secret), iv);
  const ciphertext = Buffer.concat([cipher.update(pkcs8), cipher.final()]);
  return {
    keyId: createHash("sha256").update(rawPublic).digest("base64url").slice(0, 8),
    publicKey: rawPublic.toString("base64"),
    privateKeyEncrypted: ["v1", iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join("."),
  };
}

export function decryptSigningKey(privateKeyEncrypted: string, secret: string): KeyObject {
  const [version, iv, tag, ciphertext] = privateKeyEncrypted.split(".");
  if (version !== "v1" || !iv || !tag || !ciphertext) throw new Error("Unknown signing key format");
  const decipher = createDecipheriv("aes-256-gcm", deriveKey(secret), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  const pkcs8 = Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]);
  return createPrivateKey({ key: pkcs8, format: "der", type: "pkcs8" });
}
