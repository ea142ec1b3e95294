// Strings of the customer site's queue pages. Every string the pages show lives here, English
// first; the German object must have the same shape (the type checks it).
const en = {};

export type TQueueMessages = typeof en;

const de: TQueueMessages = {};

export const queue = { en, de };
