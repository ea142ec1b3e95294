import type { TLocale } from "../locale.ts";
import { de } from "./de.ts";
import { en } from "./en.ts";
import type { TMessages } from "./types.ts";

export type { TMessages } from "./types.ts";

/** One table per language; TypeScript refuses a language that misses or misspells a key. */
export const MESSAGES: Record<TLocale, TMessages> = { en, de };

export const messagesFor = (locale: TLocale): TMessages => MESSAGES[locale];
