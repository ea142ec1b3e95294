// Strings of the customer site's support pages. Every string the pages show lives here, English
// first; the German object must have the same shape (the type checks it).
const en = {};

export type TSupportMessages = typeof en;

const de: TSupportMessages = {};

export const support = { en, de };
