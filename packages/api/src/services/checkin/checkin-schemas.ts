import { CHECKIN_VERDICTS } from "@marquee/tickets";
import { z } from "zod";

// The door check-in contract: what the console, the scanner app and outside scanners send and
// get back. Procedures (routers/checkin-console.ts, routers/checkin-device.ts, routers/checkin.ts):
//
// Console (adminRouter.checkin; organiser API token on REST where an operationId is given):
//   checkin.lists            { organizationId, eventId }                          event.view
//   checkin.saveList         ZCheckinListSave (create without id, update with id)  event.manage
//   checkin.archiveList      { organizationId, listId }                           event.manage
//   checkin.devices          { organizationId, eventId? }                         device.manage
//   checkin.createDevice     ZCreateDeviceInput -> ZDevicePairing                 device.manage  REST createCheckinDevice  POST /organization/checkin/devices
//   checkin.rollDevice       ZDeviceRef -> ZDevicePairing (old credential dies)   device.manage
//   checkin.revokeDevice     ZDeviceRef -> ZConsoleDevice                         device.manage  REST revokeCheckinDevice  POST /organization/checkin/devices/{deviceId}/revoke
//   checkin.stats            { organizationId, eventId } -> ZCheckinStats         event.view     REST getCheckinStats      GET  /organization/events/{eventId}/checkin/stats
//   checkin.conflicts        ZConflictsInput -> ZConflictsPage                    event.view     REST listCheckinConflicts GET  /organization/events/{eventId}/checkin/conflicts
//
// Device (Authorization: Bearer mq_dev_...; REST on the scanner's own origin and the API):
//   checkinDevice.pair       ZPairDeviceInput -> ZPairDeviceOutput   (no credential yet)  REST pairDevice              POST /checkin/pair
//   checkinDevice.data       ZCheckinDataInput -> ZCheckinData                           REST getCheckinData          GET  /checkin/data
//   checkinDevice.upload     ZUploadScansInput -> ZUploadScansOutput                     REST uploadScans             POST /checkin/scans
//   checkinDevice.attendees  ZAttendeeSearchInput -> ZAttendeeSearchOutput (supervisor)  REST searchCheckinAttendees  GET  /checkin/attendees
//   checkinDevice.stats      {} -> ZCheckinStats (its events; a scanner sees its own gate and the totals)  REST getDeviceCheckinStats GET /checkin/stats
//   checkinDevice.authorize  { socket_id, channel_name } -> { auth } (private-checkin-<eventId> of its events)  REST authorizeCheckinChannel POST /checkin/realtime/auth (formBody)
//
// Door staff signed in with their account (checkinRouter.checkin, cookie session):
//   checkin.registerDevice   ZRegisterDeviceInput -> ZPairDeviceOutput   checkin.scan (SUPERVISOR needs checkin.supervise)

export const ZCheckinVerdict = z.enum(CHECKIN_VERDICTS);
export type TCheckinVerdict = z.infer<typeof ZCheckinVerdict>;
export const ZScanKind = z.enum(["ENTRY", "EXIT"]);
export const ZDeviceRole = z.enum(["SCANNER", "SUPERVISOR"]);
export const ZDeviceStatus = z.enum(["PENDING", "ACTIVE", "REVOKED"]);

/** The version of the pairing handshake a device understands; it refuses a payload with another. */
export const PAIRING_HANDSHAKE_VERSION = 1;
/** What the pairing QR code holds, as JSON text. `token` is also shown to be typed (XXXX-XXXX-XXXX). */
export const ZPairingPayload = z.object({ v: z.number().int(), url: z.url(), token: z.string().min(1).max(64) });
export type TPairingPayload = z.infer<typeof ZPairingPayload>;

const ZName = z.string().trim().min(1).max(80);
const ZGate = z.string().trim().min(1).max(60);

// ─── Lists ──────────────────────────────────────────────────────────────────

export const ZCheckinList = z.object({
  id: z.uuid(),
  eventId: z.uuid(),
  name: z.string(),
  allTicketTypes: z.boolean(),
  ticketTypeIds: z.array(z.uuid()),
  exitScans: z.boolean(),
  allowReentry: z.boolean(),
  validFrom: z.date().nullable(),
  validUntil: z.date().nullable(),
  archived: z.boolean(),
});
export type TCheckinList = z.infer<typeof ZCheckinList>;

export const ZCheckinListSave = z.object({
  organizationId: z.uuid(),
  eventId: z.uuid(),
  /** Absent: a new list. */
  listId: z.uuid().optional(),
  name: ZName,
  allTicketTypes: z.boolean(),
  ticketTypeIds: z.array(z.uuid()).max(200).default([]),
  exitScans: z.boolean().default(false),
  allowReentry: z.boolean().default(false),
  validFrom: z.coerce.date().nullable().default(null),
  validUntil: z.coerce.date().nullable().default(null),
});

// ─── Devices ────────────────────────────────────────────────────────────────

export const ZConsoleDevice = z.object({
  id: z.uuid(),
  name: z.string(),
  gate: z.string(),
  role: ZDeviceRole,
  status: ZDeviceStatus,
  eventIds: z.array(z.uuid()),
  listIds: z.array(z.uuid()),
  /** Registered by a signed-in member on their own phone: their name. */
  registeredBy: z.string().nullable(),
  pairedAt: z.date().nullable(),
  pairingExpiresAt: z.date().nullable(),
  lastSeenAt: z.date().nullable(),
  lastSyncAt: z.date().nullable(),
  appVersion: z.string().nullable(),
  createdAt: z.date(),
  revokedAt: z.date().nullable(),
  /** Scans it has uploaded (all verdicts). */
  scanCount: z.number().int(),
});
export type TConsoleDevice = z.infer<typeof ZConsoleDevice>;

export const ZCreateDeviceInput = z.object({
  organizationId: z.uuid(),
  name: ZName,
  gate: ZGate.default("Main entrance"),
  role: ZDeviceRole.default("SCANNER"),
  /** At least one of the organisation's events. */
  eventIds: z.array(z.uuid()).min(1).max(20),
  /** Only these lists of those events (empty: every list). */
  listIds: z.array(z.uuid()).max(50).default([]),
});

export const ZDeviceRef = z.object({ organizationId: z.uuid(), deviceId: z.uuid() });

/** A device waiting to be paired: show `qrText` as a QR code and `token` to type; both die at expiresAt or on use. */
export const ZDevicePairing = z.object({
  device: ZConsoleDevice,
  payload: ZPairingPayload,
  /** JSON.stringify(payload): the text to put in the QR code. */
  qrText: z.string(),
  token: z.string(),
  expiresAt: z.date(),
});
export type TDevicePairing = z.infer<typeof ZDevicePairing>;

/** What a device knows of itself. */
export const ZDeviceSelf = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  organizationName: z.string(),
  name: z.string(),
  gate: z.string(),
  role: ZDeviceRole,
  eventIds: z.array(z.uuid()),
});
export type TDeviceSelf = z.infer<typeof ZDeviceSelf>;

export const ZPairDeviceInput = z.object({
  /** The pairing token from the QR code or typed (case, spaces and dashes do not matter). */
  token: z.string().trim().min(1).max(64),
  appVersion: z.string().trim().max(40).optional(),
});
export const ZPairDeviceOutput = z.object({
  device: ZDeviceSelf,
  /** The device's own credential (mq_dev_...): shown once, sent as `Authorization: Bearer`. */
  credential: z.string(),
  serverTime: z.date(),
});
export type TPairDeviceOutput = z.infer<typeof ZPairDeviceOutput>;

export const ZRegisterDeviceInput = z.object({
  organizationId: z.uuid(),
  name: ZName,
  gate: ZGate.default("Main entrance"),
  role: ZDeviceRole.default("SCANNER"),
  eventIds: z.array(z.uuid()).min(1).max(20),
  appVersion: z.string().trim().max(40).optional(),
});

// ─── Sync ───────────────────────────────────────────────────────────────────

export const ZCheckinDataInput = z.object({
  /** From the last answer; absent for a full sync. An unknown or too old cursor answers a full sync. */
  cursor: z.string().max(400).optional(),
  /** Tickets per page (at most 10,000). */
  limit: z.coerce.number().int().min(1).max(10_000).default(5000),
  appVersion: z.string().trim().max(40).optional(),
});

export const ZSyncEvent = z.object({
  id: z.uuid(),
  name: z.string(),
  startsAt: z.date(),
  endsAt: z.date(),
  timezone: z.string(),
  venueName: z.string(),
  keys: z.array(z.object({ keyId: z.string(), publicKey: z.string(), status: z.enum(["ACTIVE", "VERIFY_ONLY", "REVOKED"]) })),
  /** @marquee/tickets encodeRevocationList text (REVOKED and TRANSFERRED tickets). */
  revocationList: z.string(),
});

export const ZSyncTicket = z.object({
  id: z.uuid(),
  eventId: z.uuid(),
  ticketTypeId: z.uuid(),
  shortCode: z.string(),
  /** "Section A · Row 3 · Seat 12", or null for general admission. */
  seat: z.string().nullable(),
  /** "Ana K." for scanners; the full name for supervisors; null when unknown. */
  holder: z.string().nullable(),
  status: z.enum(["VALID", "REVOKED", "TRANSFERRED"]),
});
export type TSyncTicket = z.infer<typeof ZSyncTicket>;

/** A counted scan (accepted, any device), or one annulled since: devices apply both. */
export const ZSyncScan = z.object({
  id: z.uuid(),
  nonce: z.string(),
  eventId: z.uuid(),
  listId: z.uuid(),
  ticketId: z.uuid(),
  kind: ZScanKind,
  scannedAt: z.date(),
  gate: z.string().nullable(),
  deviceId: z.uuid().nullable(),
  deviceName: z.string().nullable(),
  annulled: z.boolean(),
  conflict: z.boolean(),
});
export type TSyncScan = z.infer<typeof ZSyncScan>;

export const ZCheckinData = z.object({
  serverTime: z.date(),
  /** Pass back as `cursor`: with hasMore at once (the next page), otherwise every few seconds for deltas. */
  cursor: z.string(),
  hasMore: z.boolean(),
  /** True: this answer starts a full sync (drop the local index and scans first). */
  full: z.boolean(),
  device: ZDeviceSelf,
  /** Every answer carries the events, keys, revocation lists, lists and ticket types in full (they are small). */
  events: z.array(ZSyncEvent),
  lists: z.array(ZCheckinList),
  ticketTypes: z.array(z.object({ id: z.uuid(), eventId: z.uuid(), name: z.string() })),
  /** New or changed tickets since the cursor (a page of them). */
  tickets: z.array(ZSyncTicket),
  /** Counted or annulled scans of any device since the cursor. */
  scans: z.array(ZSyncScan),
});
export type TCheckinData = z.infer<typeof ZCheckinData>;

// ─── Upload ─────────────────────────────────────────────────────────────────

export const MAX_UPLOAD_SCANS = 500;

export const ZUploadScan = z.object({
  /** The device's random nonce (16-64 of A-Z a-z 0-9 _ -): the same nonce twice is one scan. */
  nonce: z.string().regex(/^[\w-]{16,64}$/),
  /** The code as read (QR text, or a typed short code). */
  code: z.string().min(1).max(512),
  kind: ZScanKind.default("ENTRY"),
  listId: z.uuid(),
  /** Device time of the scan. */
  scannedAt: z.coerce.date(),
  /** The verdict the device showed. */
  deviceResult: ZCheckinVerdict,
  offline: z.boolean().default(false),
  /** A supervisor's override: admitted despite the verdict, with a reason (audited). Refused from a scanner. */
  override: z.object({ reason: z.string().trim().min(3).max(500) }).optional(),
});
export type TUploadScan = z.infer<typeof ZUploadScan>;

export const ZUploadScansInput = z.object({
  scans: z.array(ZUploadScan).max(MAX_UPLOAD_SCANS),
  /** Undo of the device's own scans, within 2 minutes of the scan. */
  annulments: z
    .array(z.object({ nonce: z.string().regex(/^[\w-]{16,64}$/), annulledAt: z.coerce.date() }))
    .max(100)
    .default([]),
});

export const ZUploadScanResult = z.object({
  nonce: z.string(),
  scanId: z.uuid(),
  /** False: this nonce was recorded before (a retry); the answer is the recorded one. */
  new: z.boolean(),
  /** The server's verdict (the device's own, unless another device admitted the ticket first). */
  result: ZCheckinVerdict,
  /** A double entry: another device admitted the ticket earlier by device time. */
  conflict: z.boolean(),
  previous: z.object({ scannedAt: z.date(), gate: z.string().nullable(), deviceName: z.string().nullable() }).nullable(),
});
export const ZUploadScansOutput = z.object({
  results: z.array(ZUploadScanResult),
  annulments: z.array(z.object({ nonce: z.string(), annulled: z.boolean(), reason: z.enum(["NOT_FOUND", "NOT_OWN_SCAN", "TOO_LATE"]).nullable() })),
  serverTime: z.date(),
});
export type TUploadScansOutput = z.infer<typeof ZUploadScansOutput>;

// ─── Supervisor search ──────────────────────────────────────────────────────

export const ZAttendeeSearchInput = z.object({ q: z.string().trim().min(2).max(100), eventId: z.uuid().optional() });
export const ZAttendeeSearchOutput = z.object({
  attendees: z.array(
    z.object({
      ticketId: z.uuid(),
      eventId: z.uuid(),
      shortCode: z.string(),
      holder: z.string().nullable(),
      buyerName: z.string().nullable(),
      orderReference: z.string(),
      ticketTypeName: z.string(),
      seat: z.string().nullable(),
      status: z.enum(["VALID", "REVOKED", "TRANSFERRED"]),
      checkedInAt: z.date().nullable(),
    }),
  ),
});

// ─── Stats and conflicts ────────────────────────────────────────────────────

const ZCounts = z.object({ admitted: z.number().int(), inside: z.number().int(), refused: z.number().int(), conflicts: z.number().int() });

export const ZCheckinStats = z.object({
  generatedAt: z.date(),
  events: z.array(
    z.object({
      eventId: z.uuid(),
      /** Valid tickets of the event. */
      tickets: z.number().int(),
      total: ZCounts,
      lists: z.array(z.object({ listId: z.uuid(), name: z.string(), tickets: z.number().int(), counts: ZCounts })),
      gates: z.array(z.object({ gate: z.string(), counts: ZCounts })),
      refusedByReason: z.array(z.object({ result: ZCheckinVerdict, count: z.number().int() })),
      /** When the newest scan of the event (any verdict) was received; the console's "last scan N s ago". Optional: absent means unknown. */
      lastScanAt: z.date().nullable().optional(),
    }),
  ),
});
export type TCheckinStats = z.infer<typeof ZCheckinStats>;

export const ZConflictsInput = z.object({
  organizationId: z.uuid(),
  eventId: z.uuid(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const ZConflictScan = z.object({
  scanId: z.uuid(),
  scannedAt: z.date(),
  receivedAt: z.date(),
  gate: z.string().nullable(),
  deviceId: z.uuid().nullable(),
  deviceName: z.string().nullable(),
  offline: z.boolean(),
});
export const ZConflictsPage = z.object({
  conflicts: z.array(
    z.object({
      ticketId: z.uuid(),
      shortCode: z.string(),
      holder: z.string().nullable(),
      ticketTypeName: z.string(),
      listId: z.uuid().nullable(),
      listName: z.string().nullable(),
      /** The admission that counts (first by device time), and the later double entry. */
      admitted: ZConflictScan,
      doubleEntry: ZConflictScan,
    }),
  ),
  nextCursor: z.string().nullable(),
});
export type TConflictsPage = z.infer<typeof ZConflictsPage>;
