import { base32Digit, CROCKFORD_ALPHABET } from "./base32.ts";

// Human-readable ticket codes, e.g. "K7Q-X2M-PAR": 8 random Crockford base32 characters (40 bits)
// plus one check character, shown in groups of three.
//
// The check character is a weighted sum over GF(32): check = sum(alpha^(i+1) * digit_i). Every
// weight is non-zero and the weights are pairwise distinct, so any single wrong character and any
// swap of two different characters (adjacent or not, check character included) changes the sum.

const DATA_LENGTH = 8;
const RANDOM_BYTES = 5; // 40 bits = 8 base32 characters exactly

// GF(2^5) with the primitive polynomial x^5 + x^2 + 1; EXP[i] = alpha^i.
const EXP: number[] = [];
const LOG: number[] = new Array<number>(32).fill(0);
for (let i = 0, value = 1; i < 31; i++) {
  EXP[i] = value;
  LOG[value] = i;
  value <<= 1;
  if (value & 0x20) value ^= 0x25;
}

function gfMultiply(a: number, b: number): number {
  if (a === 0 || b === 0) return 0;
  return EXP[(LOG[a]! + LOG[b]!) % 31]!;
}

function checkDigit(digits: readonly number[]): number {
  let sum = 0;
  digits.forEach((digit, index) => {
    sum ^= gfMultiply(EXP[index + 1]!, digit);
  });
  return sum;
}

function format(chars: string): string {
  return `${chars.slice(0, 3)}-${chars.slice(3, 6)}-${chars.slice(6, 9)}`;
}

export type RandomBytes = (length: number) => Uint8Array;

const webRandomBytes: RandomBytes = (length) => globalThis.crypto.getRandomValues(new Uint8Array(length));

/** A new short code in display form ("K7Q-X2M-PAR"). Uniqueness is the database's job (retry). */
export function generateShortCode(randomBytes: RandomBytes = webRandomBytes): string {
  const bytes = randomBytes(RANDOM_BYTES);
  if (bytes.length !== RANDOM_BYTES) throw new RangeError(`generateShortCode needs ${RANDOM_BYTES} random bytes`);
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  const digits = Array.from({ length: DATA_LENGTH }, (_, index) => Number((value >> BigInt(5 * (DATA_LENGTH - 1 - index))) & 31n));
  digits.push(checkDigit(digits));
  return format(digits.map((digit) => CROCKFORD_ALPHABET[digit]).join(""));
}

export type ShortCodeParse = { ok: true; shortCode: string } | { ok: false; reason: "MALFORMED" | "BAD_CHECK" };

/**
 * Normalises what a person typed (case, spaces, dashes, O for 0, I or L for 1) and checks the
 * check character. Returns the display form stored in Ticket.shortCode.
 */
export function parseShortCode(input: string): ShortCodeParse {
  const chars = input
    .toUpperCase()
    .replace(/[\s-]+/g, "")
    .replaceAll("O", "0")
    .replace(/[IL]/g, "1");
  if (chars.length !== DATA_LENGTH + 1) return { ok: false, reason: "MALFORMED" };
  const digits: number[] = [];
  for (const char of chars) {
    const digit = base32Digit(char);
    if (digit === undefined) return { ok: false, reason: "MALFORMED" };
    digits.push(digit);
  }
  const check = digits.pop()!;
  if (checkDigit(digits) !== check) return { ok: false, reason: "BAD_CHECK" };
  return { ok: true, shortCode: format(chars) };
}
