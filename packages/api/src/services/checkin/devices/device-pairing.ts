import type { Clock } from "../../../clock.ts";
import { PAIRING_HANDSHAKE_VERSION, type TConsoleDevice, type TDevicePairing } from "../checkin-schemas.ts";
import { PAIRING_TOKEN_TTL_MS, generatePairingToken, normalizePairingToken, secretDigest } from "./device-secret.ts";

/** A fresh one-time pairing token: the text to show, and what the device row keeps (its digest and expiry). */
export function newPairingToken(clock: Clock): { token: string; pairingTokenHash: string; pairingExpiresAt: Date } {
  const token = generatePairingToken();
  return { token, pairingTokenHash: pairingTokenDigest(token)!, pairingExpiresAt: new Date(clock.now().getTime() + PAIRING_TOKEN_TTL_MS) };
}

/** The stored digest of a pairing token as typed or scanned (any case, dashes, O for 0), or null when it cannot be one. */
export function pairingTokenDigest(input: string): string | null {
  const normalized = normalizePairingToken(input);
  return normalized ? secretDigest(normalized) : null;
}

/** What the console shows for a pending device: the QR payload `{v, url, token}`, its text, and the token to type. */
export function pairingAnswer(device: TConsoleDevice, token: string, expiresAt: Date, checkinUrl: string): TDevicePairing {
  // CHECKIN_URL as configured (a path prefix included), without a trailing slash: the app appends /api/v1/...
  const payload = { v: PAIRING_HANDSHAKE_VERSION, url: checkinUrl.replace(/\/+$/, ""), token };
  return { device, payload, qrText: JSON.stringify(payload), token, expiresAt };
}
