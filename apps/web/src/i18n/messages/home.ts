// Strings of the customer site's home pages. Every string the pages show lives here, English
// first; the German object must have the same shape (the type checks it).
const en = {};

export type THomeMessages = typeof en;

const de: THomeMessages = {};

export const home = { en, de };
