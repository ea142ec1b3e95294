import { PAIRING_HANDSHAKE_VERSION } from "@marquee/api/services/checkin/checkin-schemas";
import { readMeta, writeMeta } from "./db.ts";
import type { TPairDeviceJson } from "./device-api.ts";

// What the pairing screen accepts: the QR's JSON `{v, url, token}` (scanned or pasted), or the
// token typed as XXXX-XXXX-XXXX. A handshake version this app does not know is refused: the
// console is newer than the phone's app, which must update first.

export type TPairingParse = { ok: true; token: string } | { ok: false; message: string };

/** Reads a scanned or typed pairing text. */
export function parsePairingText(raw: string): TPairingParse {
  const text = raw.trim();
  if (!text) return { ok: false, message: "Scan the pairing QR code or type its code." };
  if (text.startsWith("{")) {
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch {
      return { ok: false, message: "This is not a Marquee pairing code." };
    }
    const { v, token } = (payload ?? {}) as { v?: unknown; token?: unknown };
    if (typeof v !== "number") return { ok: false, message: "This is not a Marquee pairing code." };
    if (v !== PAIRING_HANDSHAKE_VERSION) {
      return {
        ok: false,
        message: `This pairing code uses version ${v} of the handshake; this app knows version ${PAIRING_HANDSHAKE_VERSION}. Update the app and try again.`,
      };
    }
    if (typeof token !== "string" || token.length === 0 || token.length > 64) return { ok: false, message: "The pairing code has no token." };
    return { ok: true, token };
  }
  const token = text.replace(/[\s-]/g, "");
  if (!/^[0-9A-Za-z]{6,64}$/.test(token)) return { ok: false, message: "A pairing code is letters and digits, like ABCD-EFGH-JKMN." };
  return { ok: true, token: text };
}

export interface TDeviceSession {
  credential: string;
  device: TPairDeviceJson["device"];
  pairedAt: number;
}

/** The stored credential and device, or undefined before pairing (or after a wipe). */
export const readDeviceSession = () => readMeta<TDeviceSession>("session");

/** Stores what pairing or registration answered: from here on every call uses the credential. */
export const saveDeviceSession = (answer: TPairDeviceJson) =>
  writeMeta("session", { credential: answer.credential, device: answer.device, pairedAt: Date.now() });
