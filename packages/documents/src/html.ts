// A tiny safe-by-default HTML builder for the e-mails: every interpolation is escaped unless it is
// already SafeHtml, so user data (names, messages) cannot inject markup.

const SAFE = Symbol("SafeHtml");

export interface SafeHtml {
  readonly [SAFE]: true;
  readonly value: string;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);

export const isSafeHtml = (value: unknown): value is SafeHtml => typeof value === "object" && value !== null && SAFE in value;

/** Markup we wrote ourselves; never pass user data here. */
export const trusted = (value: string): SafeHtml => ({ [SAFE]: true, value });

type THtmlValue = string | number | SafeHtml | null | undefined | false | readonly THtmlValue[];

function render(value: THtmlValue): string {
  if (value === null || value === undefined || value === false) return "";
  if (Array.isArray(value)) return value.map(render).join("");
  if (isSafeHtml(value)) return value.value;
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: THtmlValue[]): SafeHtml {
  let out = strings[0] ?? "";
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? "");
  });
  return trusted(out);
}

/** Multi-line user text (a support message): escaped, line breaks kept. */
export const multiline = (text: string): SafeHtml => trusted(escapeHtml(text).replace(/\r?\n/g, "<br>"));

/** Only http(s) links go into an href; anything else (javascript:, data:) is refused loudly. */
export function safeUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw new Error(`refusing a ${parsed.protocol} link in an e-mail`);
  return parsed.toString();
}
