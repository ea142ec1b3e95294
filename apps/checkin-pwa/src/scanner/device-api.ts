import type { TCheckinData, TCheckinStats, TPairDeviceOutput, TUploadScan, TUploadScansOutput } from "@marquee/api/services/checkin/checkin-schemas";

// The device REST API on the app's own origin (/api/v1/checkin/...), with the device credential as
// `Authorization: Bearer`. Shapes come from the zod contract; dates arrive as ISO strings.

/** A contract type as it travels in JSON: dates are strings. */
export type TJson<T> = T extends Date ? string : T extends (infer U)[] ? TJson<U>[] : T extends object ? { [K in keyof T]: TJson<T[K]> } : T;

export type TCheckinDataJson = TJson<TCheckinData>;
export type TPairDeviceJson = TJson<TPairDeviceOutput>;
export type TUploadScansJson = TJson<TUploadScansOutput>;
export type TCheckinStatsJson = TJson<TCheckinStats>;

export interface TAttendee {
  ticketId: string;
  eventId: string;
  shortCode: string;
  holder: string | null;
  buyerName: string | null;
  orderReference: string;
  ticketTypeName: string;
  seat: string | null;
  status: "VALID" | "REVOKED" | "TRANSFERRED";
  checkedInAt: string | null;
}

/** An answer that was not 2xx: `code` is the API's machine-readable code (DEVICE_REVOKED, UNAUTHORIZED, ...), or NETWORK. */
export class DeviceApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "DeviceApiError";
  }
}

/** The error codes after which the credential is dead: the device wipes itself. */
export const isCredentialDead = (error: unknown): error is DeviceApiError =>
  error instanceof DeviceApiError && (error.code === "DEVICE_REVOKED" || error.code === "UNAUTHORIZED");

export const APP_VERSION = "checkin-pwa/1";
const BASE = "/api/v1/checkin";

async function call<T>(method: "GET" | "POST", path: string, credential: string | null, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (credential) headers.authorization = `Bearer ${credential}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(`${BASE}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: "no-store" });
  } catch (error) {
    throw new DeviceApiError("NETWORK", error instanceof Error ? error.message : "The network is unreachable.", 0);
  }
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) {
    const error = (json as { error?: { code?: string; message?: string } } | null)?.error;
    throw new DeviceApiError(error?.code ?? `HTTP_${response.status}`, error?.message ?? `The server answered ${response.status}.`, response.status);
  }
  return json as T;
}

/** pairDevice: a pairing token in, the device and its credential out. */
export const pairDevice = (token: string) => call<TPairDeviceJson>("POST", "/pair", null, { token, appVersion: APP_VERSION });

/** getCheckinData: a full sync without cursor, deltas with one. */
export function fetchCheckinData(credential: string, cursor: string | null, limit = 5000) {
  const query = new URLSearchParams({ limit: String(limit), appVersion: APP_VERSION });
  if (cursor) query.set("cursor", cursor);
  return call<TCheckinDataJson>("GET", `/data?${query.toString()}`, credential);
}

/** uploadScans: at most 500 scans and 100 annulments a call. */
export const uploadScans = (credential: string, scans: TJson<TUploadScan>[], annulments: { nonce: string; annulledAt: string }[]) =>
  call<TUploadScansJson>("POST", "/scans", credential, { scans, annulments });

/** searchCheckinAttendees (supervisors). */
export const searchAttendees = (credential: string, q: string) =>
  call<{ attendees: TAttendee[] }>("GET", `/attendees?${new URLSearchParams({ q }).toString()}`, credential);

/** getDeviceCheckinStats. */
export const fetchDeviceStats = (credential: string) => call<TCheckinStatsJson>("GET", "/stats", credential);
