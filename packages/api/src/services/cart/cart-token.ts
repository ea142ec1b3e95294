import { createHash, randomBytes } from "node:crypto";

/** A cart's bearer token: 32 random bytes, base64url; only its SHA-256 is stored. */
export const newCartToken = (): string => randomBytes(32).toString("base64url");

export const hashCartToken = (token: string): string => createHash("sha256").update(token).digest("hex");
