import type { Log } from "../log.ts";

// The dev loop for inbound support mail: every message the catcher takes with a recipient at the
// inbound domain (a buyer "replying" to an agent's e-mail, or writing to a support address) is
// POSTed raw to the console's /api/inbound-email with its Bearer secret, as a mail provider would.

export interface MailForward {
  /** Recipients at this domain are forwarded (INBOUND_EMAIL_DOMAIN). */
  domain: string;
  /** The inbound endpoint, e.g. http://localhost:3001/api/inbound-email. */
  url: string;
  /** INBOUND_EMAIL_SECRET. */
  secret: string;
  /** Tries in all (default 5), 250 ms, 500 ms, 1 s, 2 s apart by default: the app may still be starting. */
  attempts?: number;
  retryDelayMs?: number;
}

export type ForwardStatus = "pending" | "forwarded" | "refused" | "failed";

/** The recipients the forward covers (lower-cased), in envelope order. */
export const forwardedRecipients = (forward: MailForward, recipients: readonly string[]) =>
  recipients.map((address) => address.toLowerCase()).filter((address) => address.endsWith(`@${forward.domain.toLowerCase()}`));

/**
 * Posts the raw message; retried on a network error, 5xx or 429, not on another 4xx (the endpoint
 * judged the message: unroutable, too large). Resolves with the outcome, never throws.
 */
export async function forwardMail(forward: MailForward, raw: Buffer, recipients: readonly string[], log: Log): Promise<ForwardStatus> {
  const attempts = forward.attempts ?? 5;
  const delay = forward.retryDelayMs ?? 250;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    let outcome: string;
    try {
      const response = await fetch(forward.url, {
        method: "POST",
        headers: { authorization: `Bearer ${forward.secret}`, "content-type": "message/rfc822", "x-envelope-to": recipients.join(",") },
        body: new Uint8Array(raw),
        signal: AbortSignal.timeout(30_000),
      });
      const body = await response.text();
      if (response.ok) {
        log(`forwarded to ${forward.url}: ${body.slice(0, 200)}`);
        return "forwarded";
      }
      if (response.status < 500 && response.status !== 429) {
        log(`forward refused (${response.status}): ${body.slice(0, 200)}`);
        return "refused";
      }
      outcome = `HTTP ${response.status}`;
    } catch (error) {
      outcome = error instanceof Error ? error.message : String(error);
    }
    if (attempt === attempts) {
      log(`forward failed after ${attempts} tries: ${outcome}`);
      return "failed";
    }
    await new Promise((resolve) => setTimeout(resolve, delay * 2 ** (attempt - 1)));
  }
  return "failed";
}
