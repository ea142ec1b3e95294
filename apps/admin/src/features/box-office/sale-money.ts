/** Minor units from what the cashier typed ("60", "60.5", "60,50"); null when it is not an amount. */
export function parseMinor(text: string, fractionDigits = 2): number | null {
  const normalised = text.trim().replace(",", ".");
  if (!/^\d{1,7}(\.\d{0,2})?$/.test(normalised)) return null;
  return Math.round(Number.parseFloat(normalised) * 10 ** fractionDigits);
}

/** The sale's lines from the chosen quantities: GA types by type, seated types as the zone's best seats. */
export type TSaleLine = { ticketTypeId: string; quantity: number } | { priceZoneId: string; quantity: number };

export function saleLines(types: { id: string; priceZoneId: string | null; seated: boolean }[], quantities: Record<string, number>): TSaleLine[] {
  return types.flatMap((type): TSaleLine[] => {
    const quantity = quantities[type.id] ?? 0;
    if (quantity <= 0) return [];
    return type.seated && type.priceZoneId ? [{ priceZoneId: type.priceZoneId, quantity }] : [{ ticketTypeId: type.id, quantity }];
  });
}
