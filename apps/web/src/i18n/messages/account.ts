// Strings of the customer site's account pages. Every string the pages show lives here, English
// first; the German object must have the same shape (the type checks it).
const en = {};

export type TAccountMessages = typeof en;

const de: TAccountMessages = {};

export const account = { en, de };
