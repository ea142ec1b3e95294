import { createPublicKey, sign, verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password.ts";
import { decryptSigningKey, generateSigningKey } from "./signing-key.ts";

describe("passwords", () => {
  it("verify the right password only", async () => {
    const stored = await hashPassword("s3cret pass");
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword("s3cret pass", stored)).toBe(true);
    expect(await verifyPassword("s3cret pasS", stored)).toBe(false);
    expect(await verifyPassword("s3cret pass", "garbage")).toBe(false);
  });
});

describe("event signing keys", () => {
  it("decrypt to a private key whose signatures the stored public key verifies", () => {
    const key = generateSigningKey("a-secret-of-enough-length");
    const message = Buffer.from("ticket payload");
    const signature = sign(null, message, decryptSigningKey(key.privateKeyEncrypted, "a-secret-of-enough-length"));
    const publicKey = createPublicKey({
      key: Buffer.concat([Buffer.from("302a300506032b6570032100", "hex"), Buffer.from(key.publicKey, "base64")]),
      format: "der",
      type: "spki",
    });
    expect(verify(null, message, publicKey, signature)).toBe(true);
    expect(key.keyId).toHaveLength(8);
  });

  it("refuse to decrypt with another secret", () => {
    const key = generateSigningKey("a-secret-of-enough-length");
    expect(() => decryptSigningKey(key.privateKeyEncrypted, "another-secret-entirely")).toThrow();
  });
});
