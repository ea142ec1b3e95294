import type { Db } from "@marquee/db";
import { PKPass } from "passkit-generator";
import type { Clock } from "../../clock.ts";
import { passImages } from "./pass-images.ts";
import type { TWalletSettings } from "./env.ts";
import { loadWalletTicket, passColours, type TWalletTicket } from "./wallet-ticket.ts";
import { APPLE_WEB_SERVICE_PATH, hashPassAuthToken, passAuthToken } from "./wallet-tokens.ts";

// Field labels are keys translated in en.lproj / de.lproj: Wallet shows the phone's language.
const LABELS: Record<"en" | "de", Record<string, string>> = {
  en: {
    DATE: "Date",
    EVENT: "Event",
    SECTION: "Section",
    ROW: "Row",
    SEAT: "Seat",
    TICKET: "Ticket",
    HOLDER: "Holder",
    VENUE: "Venue",
    STATUS: "Status",
    VOID: "No longer valid",
    ORDER: "Order",
    CODE: "Ticket code",
    ADDRESS: "Address",
    DOORS: "Doors",
    RELEVANT: "Your ticket for today",
  },
  de: {
    DATE: "Datum",
    EVENT: "Veranstaltung",
    SECTION: "Bereich",
    ROW: "Reihe",
    SEAT: "Platz",
    TICKET: "Ticket",
    HOLDER: "Inhaber",
    VENUE: "Ort",
    STATUS: "Status",
    VOID: "Nicht mehr gültig",
    ORDER: "Bestellung",
    CODE: "Ticketcode",
    ADDRESS: "Adresse",
    DOORS: "Einlass",
    RELEVANT: "Dein Ticket für heute",
  },
};

export interface TApplePass {
  body: Buffer;
  /** The pass's serial number (the ticket id). */
  serialNumber: string;
  /** Last-Modified of this pass (to the second). */
  lastUpdated: Date;
}

/** Records that the ticket's pass was handed out, with its web-service token's hash (idempotent). */
async function recordPass(db: Db, ticketId: string): Promise<void> {
  const authTokenHash = hashPassAuthToken(passAuthToken(ticketId));
  await db.walletPass.upsert({ where: { ticketId }, create: { ticketId, authTokenHash }, update: { authTokenHash } });
}

const dateField = (key: string, label: string, date: Date) => ({
  key,
  label,
  value: date.toISOString(),
  dateStyle: "PKDateStyleMedium" as const,
  timeStyle: "PKDateStyleShort" as const,
});

function describeFields(pass: PKPass, ticket: TWalletTicket): void {
  pass.headerFields.push(dateField("date", "DATE", ticket.event.startsAt));
  pass.primaryFields.push({ key: "event", label: "EVENT", value: ticket.event.name });
  if (ticket.seat) {
    pass.secondaryFields.push(
      { key: "section", label: "SECTION", value: ticket.seat.section },
      { key: "row", label: "ROW", value: ticket.seat.row },
      { key: "seat", label: "SEAT", value: ticket.seat.seat },
    );
  } else {
    pass.secondaryFields.push({ key: "type", label: "TICKET", value: ticket.ticketTypeName });
  }
  pass.auxiliaryFields.push({ key: "holder", label: "HOLDER", value: ticket.holderName }, { key: "venue", label: "VENUE", value: ticket.venue.name });
  if (!ticket.valid) pass.auxiliaryFields.push({ key: "status", label: "STATUS", value: "VOID" });
  const address = [ticket.venue.name, ticket.venue.address, ticket.venue.city].filter(Boolean).join(", ");
  pass.backFields.push(
    { key: "back-type", label: "TICKET", value: ticket.ticketTypeName },
    { key: "back-order", label: "ORDER", value: ticket.orderReference },
    { key: "back-code", label: "CODE", value: ticket.shortCode },
    { key: "back-address", label: "ADDRESS", value: address },
  );
  if (ticket.event.doorsAt) pass.backFields.push(dateField("back-doors", "DOORS", ticket.event.doorsAt));
}

/**
 * The ticket's Apple Wallet pass (.pkpass), built from the ticket as it is now: a revoked or
 * transferred ticket gives a voided pass without a barcode. The QR carries the same signed code
 * the check-in scanner verifies. Signed with the configured (or development) certificate.
 */
export async function buildApplePass(deps: { db: Db; clock: Clock; settings: TWalletSettings }, ticketId: string): Promise<TApplePass> {
  const ticket = await loadWalletTicket(deps.db, ticketId);
  await recordPass(deps.db, ticket.id);
  const { apple, webUrl } = deps.settings;
  const colours = passColours(ticket.organization);
  const pass = new PKPass(
    passImages(colours.background, colours.foreground),
    { wwdr: apple.wwdr, signerCert: apple.signerCert, signerKey: apple.signerKey, signerKeyPassphrase: apple.signerKeyPassphrase },
    {
      formatVersion: 1,
      passTypeIdentifier: apple.passTypeId,
      teamIdentifier: apple.teamId,
      serialNumber: ticket.id,
      organizationName: ticket.organization.name,
      description: `${ticket.event.name}: ${ticket.ticketTypeName}`,
      logoText: ticket.organization.name,
      backgroundColor: colours.backgroundRgb,
      foregroundColor: colours.foregroundRgb,
      labelColor: colours.foregroundRgb,
      webServiceURL: `${webUrl}${APPLE_WEB_SERVICE_PATH}`,
      authenticationToken: passAuthToken(ticket.id),
      voided: !ticket.valid,
      sharingProhibited: true,
    },
  );
  pass.type = "eventTicket";
  describeFields(pass, ticket);
  for (const [language, labels] of Object.entries(LABELS)) pass.localize(language, labels);
  if (ticket.valid) pass.setBarcodes({ format: "PKBarcodeFormatQR", message: ticket.signedCode, messageEncoding: "iso-8859-1", altText: ticket.shortCode });
  pass.setRelevantDate(ticket.event.doorsAt ?? ticket.event.startsAt);
  const { latitude, longitude } = ticket.venue;
  if (latitude !== null && longitude !== null) pass.setLocations({ latitude, longitude, relevantText: "RELEVANT" });
  return { body: pass.getAsBuffer(), serialNumber: ticket.id, lastUpdated: ticket.lastUpdated };
}
