import { createHmac, timingSafeEqual } from "node:crypto";

// The public contract of webhook signatures, Stripe-style, so a receiver checks it the way it
// checks Stripe's. Imports nothing but node:crypto: receivers may copy this file as it is.
//
//   Marquee-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with the secret>
//
// After a secret rotation the header carries a second v1 (the old secret's) for 24 hours.

export const SIGNATURE_HEADER = "Marquee-Signature";
export const DELIVERY_HEADER = "Marquee-Delivery";
export const EVENT_HEADER = "Marquee-Event";

const hmacHex = (secret: string, timestamp: number, rawBody: string | Buffer) =>
  createHmac("sha256", secret).update(`${timestamp}.`).update(rawBody).digest("hex");

/** The header value for a body signed at `timestamp` (unix seconds) with each of the secrets. */
export function signMarqueePayload(rawBody: string | Buffer, secrets: readonly string[], timestamp: number): string {
  return [`t=${timestamp}`, ...secrets.map((secret) => `v1=${hmacHex(secret, timestamp, rawBody)}`)].join(",");
}

export interface TVerifyOptions {
  /** How far the timestamp may be from now, either way (default 300 s, as Stripe's libraries). */
  toleranceSeconds?: number;
  /** Now, in unix seconds (tests). */
  now?: number;
}

/**
 * True when `header` carries a timestamp within the tolerance and a v1 signature of
 * "<t>.<rawBody>" made with `secret`. Pass the raw body exactly as received (not re-serialised
 * JSON). Compares in constant time.
 */
export function verifyMarqueeSignature(rawBody: string | Buffer, header: string | null | undefined, secret: string, options: TVerifyOptions = {}): boolean {
  if (!header) return false;
  const { toleranceSeconds = 300, now = Math.floor(Date.now() / 1000) } = options;
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const [key, value] = part.trim().split("=", 2);
    if (key === "t" && value && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    if (key === "v1" && value && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  if (timestamp === null || signatures.length === 0 || Math.abs(now - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(hmacHex(secret, timestamp, rawBody), "hex");
  return signatures.some((signature) => timingSafeEqual(Buffer.from(signature, "hex"), expected));
}
