// Strings of the customer site's order pages. Every string the pages show lives here, English
// first; the German object must have the same shape (the type checks it).
const en = {};

export type TOrderMessages = typeof en;

const de: TOrderMessages = {};

export const order = { en, de };
