// Strings of the customer site's errors pages. Every string the pages show lives here, English
// first; the German object must have the same shape (the type checks it).
const en = {};

export type TErrorsMessages = typeof en;

const de: TErrorsMessages = {};

export const errors = { en, de };
