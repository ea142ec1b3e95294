import { importPKCS8, SignJWT } from "jose";
import type { TGoogleWallet } from "./env.ts";
import { passColours, type TWalletTicket } from "./wallet-ticket.ts";

// Google Wallet: one EventTicketClass per event, one EventTicketObject per ticket. The save link
// carries both in a JWT signed (RS256) with the service account's key; Google creates them when
// the buyer saves. Later changes go through Google's REST API (updateGoogleTicketObject).

export const GOOGLE_SAVE_URL = "https://pay.google.com/gp/v/save/";
const WALLET_SCOPE = "https://www.googleapis.com/auth/wallet_object.issuer";

const localized = (value: string, language: string) => ({ defaultValue: { language, value } });

export const googleClassId = (google: TGoogleWallet, eventId: string) => `${google.issuerId}.event-${eventId}`;
export const googleObjectId = (google: TGoogleWallet, ticketId: string) => `${google.issuerId}.ticket-${ticketId}`;

export function googleEventTicketClass(google: TGoogleWallet, ticket: TWalletTicket) {
  const language = ticket.locale === "de" ? "de" : "en";
  return {
    id: googleClassId(google, ticket.event.id),
    issuerName: ticket.organization.name,
    reviewStatus: "UNDER_REVIEW",
    eventName: localized(ticket.event.name, language),
    venue: {
      name: localized(ticket.venue.name, language),
      address: localized([ticket.venue.address, ticket.venue.city].filter(Boolean).join(", "), language),
    },
    dateTime: {
      start: ticket.event.startsAt.toISOString(),
      end: ticket.event.endsAt.toISOString(),
      ...(ticket.event.doorsAt ? { doorsOpen: ticket.event.doorsAt.toISOString() } : {}),
    },
    hexBackgroundColor: passColours(ticket.organization).background,
  };
}

/** The ticket as Google shows it now: a revoked ticket is INACTIVE and has no barcode. */
export function googleEventTicketObject(google: TGoogleWallet, ticket: TWalletTicket) {
  const language = ticket.locale === "de" ? "de" : "en";
  const { latitude, longitude } = ticket.venue;
  return {
    id: googleObjectId(google, ticket.id),
    classId: googleClassId(google, ticket.event.id),
    state: ticket.valid ? "ACTIVE" : "INACTIVE",
    ticketHolderName: ticket.holderName,
    ticketNumber: ticket.shortCode,
    ticketType: localized(ticket.ticketTypeName, language),
    seatInfo: ticket.seat
      ? { section: localized(ticket.seat.section, language), row: localized(ticket.seat.row, language), seat: localized(ticket.seat.seat, language) }
      : null,
    barcode: ticket.valid ? { type: "QR_CODE", value: ticket.signedCode, alternateText: ticket.shortCode } : null,
    hexBackgroundColor: passColours(ticket.organization).background,
    ...(latitude !== null && longitude !== null ? { locations: [{ latitude, longitude }] } : {}),
  };
}

const signingKey = (google: TGoogleWallet) => importPKCS8(google.privateKeyPem, "RS256");

/**
 * The "Save to Google Wallet" link: https://pay.google.com/gp/v/save/<JWT>. With the generated
 * development key Google refuses it; it is well formed and verifies against that key's public half.
 */
export async function googleSaveLink(google: TGoogleWallet, ticket: TWalletTicket, origins: string[]): Promise<string> {
  const jwt = await new SignJWT({
    typ: "savetowallet",
    origins,
    payload: { eventTicketClasses: [googleEventTicketClass(google, ticket)], eventTicketObjects: [googleEventTicketObject(google, ticket)] },
  })
    .setProtectedHeader({ alg: "RS256", typ: "JWT" })
    .setIssuer(google.serviceAccountEmail)
    .setAudience("google")
    .setIssuedAt()
    .sign(await signingKey(google));
  return `${GOOGLE_SAVE_URL}${jwt}`;
}

/** An OAuth access token for the Wallet API (JWT bearer grant with the service account's key). */
async function accessToken(google: TGoogleWallet, fetchImpl: typeof fetch): Promise<string> {
  const assertion = await new SignJWT({ scope: WALLET_SCOPE })
    .setProtectedHeader({ alg: "RS256", typ: "JWT" })
    .setIssuer(google.serviceAccountEmail)
    .setAudience(google.tokenUrl)
    .setIssuedAt()
    .setExpirationTime("10m")
    .sign(await signingKey(google));
  const response = await fetchImpl(google.tokenUrl, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion }),
  });
  if (!response.ok) throw new Error(`Google OAuth token request failed: HTTP ${response.status}`);
  const body = (await response.json()) as { access_token?: unknown };
  if (typeof body.access_token !== "string") throw new Error("Google OAuth token response had no access_token");
  return body.access_token;
}

export type TGoogleUpdate = "updated" | "not-saved" | "not-configured";

/**
 * PATCHes the ticket's object at Google to its current state. Without real credentials (the
 * development key) nothing is sent: "not-configured". A ticket nobody saved is "not-saved" (404).
 */
export async function updateGoogleTicketObject(google: TGoogleWallet, ticket: TWalletTicket, fetchImpl: typeof fetch = fetch): Promise<TGoogleUpdate> {
  if (google.development) return "not-configured";
  const token = await accessToken(google, fetchImpl);
  const object = googleEventTicketObject(google, ticket);
  const response = await fetchImpl(`${google.apiUrl}/eventTicketObject/${encodeURIComponent(object.id)}`, {
    method: "PATCH",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(object),
  });
  if (response.status === 404) return "not-saved";
  if (!response.ok) throw new Error(`Google Wallet PATCH ${object.id} failed: HTTP ${response.status}`);
  return "updated";
}
