// The buyer's own words from an e-mail reply: the quoted history ("On ... wrote:" and the `>`
// lines after it, Outlook's "-----Original Message-----" or From:/Sent: block, forwarded copies)
// and the signature ("-- " and the usual phone footers) are cut. A message that is nothing but a
// quote (a bottom-posted reply we cannot tell apart) keeps its full text, so nothing is lost.

// Lines that start the quoted history, in the languages our buyers write in.
const HISTORY_STARTS = [
  /^on\b.{0,300}\bwrote:?\s*$/i, // On Mon, 1 Dec 2026 at 10:00, Sam <x@y> wrote:
  /^am\b.{0,300}\bschrieb\b.{0,200}:?\s*$/i, // Am 01.12.2026 um 10:00 schrieb Sam <x@y>:
  /^le\b.{0,300}\ba écrit\s*:?\s*$/i,
  /^el\b.{0,300}\bescribió:?\s*$/i,
  /^-{2,}\s*(original message|ursprüngliche nachricht|urspr\. nachricht)\s*-{2,}\s*$/i,
  /^-{2,}\s*(forwarded message|weitergeleitete nachricht)\s*-{2,}\s*$/i,
  /^_{10,}\s*$/, // Outlook's rule above its header block
];
// Gmail and others wrap a long "On ... wrote:" line; the two halves are joined before matching.
const WROTE_END = /\b(wrote|schrieb|a écrit|escribió)\b.{0,200}:?\s*$/i;
const SIGNATURE_STARTS = [/^--\s?$/, /^sent from my \w+/i, /^von meinem \w+ gesendet/i, /^get outlook for/i, /^gesendet von/i];

function isHistoryStart(lines: string[], index: number): boolean {
  const line = lines[index]!.trim();
  if (HISTORY_STARTS.some((pattern) => pattern.test(line))) return true;
  // Outlook's header block: From:/Von: followed by Sent:/Gesendet: (a line merely starting "From:" stays).
  if (/^(from|von):\s/i.test(line)) return lines.slice(index + 1, index + 4).some((next) => /^(sent|gesendet|date|datum):\s/i.test(next.trim()));
  // "On Mon, 1 Dec 2026 at 10:00, Sam <sam@example.com>" + "wrote:" on the next line.
  const next = lines[index + 1]?.trim() ?? "";
  return /^(on|am|le|el)\s/i.test(line) && WROTE_END.test(`${line} ${next}`) && !WROTE_END.test(line) && next.length < 120;
}

/** The reply without the quoted history and signature; the full text when nothing else is left. */
export function stripQuotedReply(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const kept: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const trimmed = line.trim();
    if (isHistoryStart(lines, index)) break;
    if (SIGNATURE_STARTS.some((pattern) => pattern.test(line.trimEnd()))) break;
    // Quoted lines (inline answers keep the buyer's own lines between them).
    if (trimmed.startsWith(">")) continue;
    kept.push(line);
  }
  const reply = kept
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return reply.length > 0 ? reply : text.trim();
}
