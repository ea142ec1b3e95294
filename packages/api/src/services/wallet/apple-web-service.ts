import type { Db } from "@marquee/db";
import { AppError } from "../../errors.ts";
import { isUuid } from "../tickets/ticket-id.ts";
import type { TWalletSettings } from "./env.ts";
import { passAuthTokenMatches } from "./wallet-tokens.ts";

// Apple's PassKit web service ("Wallet Passes web service"), under the pass's webServiceURL:
//   POST   /v1/devices/{device}/registrations/{passType}/{serial}   register (Authorization)
//   DELETE /v1/devices/{device}/registrations/{passType}/{serial}   unregister (Authorization)
//   GET    /v1/devices/{device}/registrations/{passType}?passesUpdatedSince={tag}
//   GET    /v1/passes/{passType}/{serial}                           latest pass (Authorization, If-Modified-Since)
//   POST   /v1/log
// The answers here are what the service decides; http/wallet-http.ts turns them into responses.

const DEVICE_ID = /^[A-Za-z0-9._-]{1,128}$/;
const PUSH_TOKEN = /^[A-Za-z0-9._-]{1,256}$/;

export type TWebServiceRoute =
  | { kind: "register" | "unregister"; deviceLibraryId: string; passTypeId: string; serialNumber: string }
  | { kind: "updatable"; deviceLibraryId: string; passTypeId: string }
  | { kind: "latest"; passTypeId: string; serialNumber: string }
  | { kind: "log" };

/** The route a path under the web service root names (`/v1/...`) for a method, or null. */
export function webServiceRoute(method: string, path: string): TWebServiceRoute | null {
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  if (parts[0] !== "v1") return null;
  const [, first, device, registrations, passTypeId, serialNumber, ...rest] = parts;
  if (rest.length > 0) return null;
  if (first === "devices" && device && registrations === "registrations" && passTypeId) {
    if (serialNumber && (method === "POST" || method === "DELETE"))
      return { kind: method === "POST" ? "register" : "unregister", deviceLibraryId: device, passTypeId, serialNumber };
    if (!serialNumber && method === "GET") return { kind: "updatable", deviceLibraryId: device, passTypeId };
    return null;
  }
  // /v1/passes/{passType}/{serial}
  if (first === "passes" && device && registrations && !passTypeId && (method === "GET" || method === "HEAD"))
    return { kind: "latest", passTypeId: device, serialNumber: registrations };
  if (first === "log" && !device && method === "POST") return { kind: "log" };
  return null;
}

/** `Authorization: ApplePass <token>` → the token. */
export const applePassToken = (authorization: string | null): string | null => /^ApplePass ([A-Za-z0-9_-]{16,128})$/.exec(authorization ?? "")?.[1] ?? null;

/**
 * Whether the request may act for this pass: the configured pass type, a ticket that has a pass,
 * and the pass's token (compared by hash, in constant time). Anything else is UNAUTHORIZED,
 * so the answer does not tell which part was wrong.
 */
export async function authorizePass(
  db: Db,
  settings: TWalletSettings,
  input: { passTypeId: string; serialNumber: string; authorization: string | null },
): Promise<void> {
  const token = applePassToken(input.authorization);
  const pass =
    input.passTypeId === settings.apple.passTypeId && isUuid(input.serialNumber)
      ? await db.walletPass.findUnique({ where: { ticketId: input.serialNumber }, select: { authTokenHash: true } })
      : null;
  // The comparison runs even without a pass, so a missing pass and a wrong token take as long.
  const matches = passAuthTokenMatches(token ?? "", pass?.authTokenHash ?? "0".repeat(64));
  if (!token || !pass || !matches) throw new AppError("UNAUTHORIZED", "This pass's authentication token is required.");
}

/** Registers a device for a pass's updates: "created" the first time, "exists" after (Apple: 201 / 200). */
export async function registerDevice(db: Db, input: { deviceLibraryId: string; serialNumber: string; pushToken: unknown }): Promise<"created" | "exists"> {
  if (!DEVICE_ID.test(input.deviceLibraryId))
    throw new AppError("VALIDATION_ERROR", "deviceLibraryIdentifier: must be 1-128 letters, digits, '.', '_' or '-'.");
  if (typeof input.pushToken !== "string" || !PUSH_TOKEN.test(input.pushToken))
    throw new AppError("VALIDATION_ERROR", "pushToken: required, 1-256 letters or digits.");
  const key = { deviceLibraryId_ticketId: { deviceLibraryId: input.deviceLibraryId, ticketId: input.serialNumber } };
  const existing = await db.walletRegistration.findUnique({ where: key, select: { pushToken: true } });
  await db.walletRegistration.upsert({
    where: key,
    create: { deviceLibraryId: input.deviceLibraryId, ticketId: input.serialNumber, pushToken: input.pushToken },
    update: { pushToken: input.pushToken },
  });
  return existing ? "exists" : "created";
}

export async function unregisterDevice(db: Db, input: { deviceLibraryId: string; serialNumber: string }): Promise<void> {
  await db.walletRegistration.deleteMany({ where: { deviceLibraryId: input.deviceLibraryId, ticketId: input.serialNumber } });
}

/** A pass's update tag: its lastUpdated in milliseconds. */
const tagOf = (date: Date) => String(date.getTime());

/**
 * The serial numbers of the device's passes that changed after `passesUpdatedSince` (all of them
 * without a tag), and the tag to send next time; null when none changed (Apple: 204).
 */
export async function updatablePasses(
  db: Db,
  settings: TWalletSettings,
  input: { deviceLibraryId: string; passTypeId: string; passesUpdatedSince: string | null },
): Promise<{ serialNumbers: string[]; lastUpdated: string } | null> {
  if (input.passTypeId !== settings.apple.passTypeId || !DEVICE_ID.test(input.deviceLibraryId)) return null;
  const since = input.passesUpdatedSince && /^\d{1,15}$/.test(input.passesUpdatedSince) ? Number(input.passesUpdatedSince) : -1;
  const registrations = await db.walletRegistration.findMany({
    where: { deviceLibraryId: input.deviceLibraryId },
    select: { ticketId: true, pass: { select: { changedAt: true, ticket: { select: { issuedAt: true, revokedAt: true } } } } },
  });
  const changed = registrations
    .map((registration) => {
      const { changedAt, ticket } = registration.pass;
      const ms = Math.max(changedAt.getTime(), ticket.issuedAt.getTime(), ticket.revokedAt?.getTime() ?? 0);
      // Whole seconds, like the pass's Last-Modified.
      return { serialNumber: registration.ticketId, lastUpdated: new Date(Math.floor(ms / 1_000) * 1_000) };
    })
    .filter((pass) => pass.lastUpdated.getTime() > since);
  if (changed.length === 0) return null;
  const latest = new Date(Math.max(...changed.map((pass) => pass.lastUpdated.getTime())));
  return { serialNumbers: changed.map((pass) => pass.serialNumber).sort(), lastUpdated: tagOf(latest) };
}

/** Whether an If-Modified-Since header says the device already has this version. */
export function notModifiedSince(ifModifiedSince: string | null, lastUpdated: Date): boolean {
  if (!ifModifiedSince) return false;
  const since = Date.parse(ifModifiedSince);
  return Number.isFinite(since) && lastUpdated.getTime() <= since;
}
