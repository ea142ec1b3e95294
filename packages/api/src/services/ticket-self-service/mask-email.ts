/**
 * An address shown to someone who should recognise it but not read it off the screen:
 * "jane.doe@example.com" → "j•••e@example.com" (first and last letter of the local part kept
 * when it has more than two).
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at <= 0) return "•••";
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const masked = local.length <= 2 ? `${local[0]}•••` : `${local[0]}•••${local[local.length - 1]}`;
  return `${masked}@${domain}`;
}
