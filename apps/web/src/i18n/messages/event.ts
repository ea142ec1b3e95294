// Strings of the customer site's event pages. Every string the pages show lives here, English
// first; the German object must have the same shape (the type checks it).
const en = {};

export type TEventMessages = typeof en;

const de: TEventMessages = {};

export const event = { en, de };
