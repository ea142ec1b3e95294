import { type Bytes } from "./bytes.ts";

// Crockford base32 (0-9, A-Z without I, L, O, U). Used for the QR payload, where every symbol is
// in the QR alphanumeric set, and for short codes, where humans read and type it.

export const CROCKFORD_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
// Digit by character code; -1 for characters outside the alphabet.
const LOOKUP = new Int8Array(128).fill(-1);
for (let i = 0; i < 32; i++) LOOKUP[CROCKFORD_ALPHABET.charCodeAt(i)] = i;

export function encodeBase32(bytes: Uint8Array): string {
  let out = "";
  let value = 0;
  let bits = 0;
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += CROCKFORD_ALPHABET[(value >> bits) & 31];
    }
  }
  if (bits > 0) out += CROCKFORD_ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/**
 * Strict decoder: upper-case alphabet only, no padding, the length must be one `encodeBase32`
 * produces and the trailing bits must be zero. So each byte string has exactly one text form,
 * and changing any character of a code changes the bytes (or makes it unreadable).
 */
export function decodeBase32(text: string): Bytes | null {
  const byteLength = Math.floor((text.length * 5) / 8);
  if (Math.ceil((byteLength * 8) / 5) !== text.length) return null;
  const out = new Uint8Array(byteLength);
  let value = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const digit = LOOKUP[text.charCodeAt(i)] ?? -1;
    if (digit < 0) return null;
    value = ((value << 5) | digit) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (value >> bits) & 0xff;
    }
  }
  if ((value & ((1 << bits) - 1)) !== 0) return null;
  return out;
}

export function base32Digit(char: string): number | undefined {
  const digit = char.length === 1 ? (LOOKUP[char.charCodeAt(0)] ?? -1) : -1;
  return digit < 0 ? undefined : digit;
}
