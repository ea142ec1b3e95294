import type { TLocale } from "../locale.ts";
import type { TPostalAddress } from "../types.ts";

export interface TTicketSeat {
  section?: string;
  row?: string;
  seat: string;
}

export interface TTicketPdfTicket {
  /** "Standing", "Category 1", "Student". */
  typeName: string;
  /** Absent for general admission. */
  seat?: TTicketSeat;
  /** The name printed on the ticket; the buyer's name is used when absent. */
  holderName?: string;
  /** Human code staff can type when the QR cannot be scanned, e.g. "K7QF-93XD". */
  shortCode: string;
  /** The signed payload the door scanner verifies; encoded in the QR as given. */
  signedCode: string;
  /** Face value in minor units; printed when given. */
  priceMinor?: number;
}

export interface TTicketPdfData {
  locale: TLocale;
  /** ISO 4217, used for priceMinor. */
  currency: string;
  order: {
    reference: string;
    buyerName: string;
  };
  event: {
    name: string;
    startsAt: Date;
    doorsAt?: Date;
    /** IANA zone of the venue: the date is printed in it, whatever the buyer's zone. */
    timeZone: string;
    venue: { name: string; address: TPostalAddress };
  };
  /** One page each, in this order. */
  tickets: TTicketPdfTicket[];
  /** Printed in the footer, e.g. "Marquee". */
  platformName?: string;
}
