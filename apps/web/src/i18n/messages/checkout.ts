// Strings of the customer site's checkout pages. Every string the pages show lives here, English
// first; the German object must have the same shape (the type checks it).
const en = {};

export type TCheckoutMessages = typeof en;

const de: TCheckoutMessages = {};

export const checkout = { en, de };
