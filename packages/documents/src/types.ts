/** A postal address as printed on tickets and invoices, line by line. */
export interface TPostalAddress {
  line1: string;
  line2?: string;
  postalCode: string;
  city: string;
  /** Country name as it should be printed, e.g. "Germany" / "Deutschland". */
  country: string;
}

export const addressLines = (address: TPostalAddress): string[] =>
  [address.line1, address.line2, `${address.postalCode} ${address.city}`.trim(), address.country].filter((line): line is string => Boolean(line));
