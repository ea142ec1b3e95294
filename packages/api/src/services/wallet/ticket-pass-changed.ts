import type { Db } from "@marquee/db";
import type { Clock } from "../../clock.ts";
import { notificationWalletPassChanged } from "../../jobs/definitions.ts";
import type { QueueClient } from "../../jobs/queue-client.ts";
import { sendPassUpdatePushes, type TPushOutcome } from "./apns.ts";
import { type TGoogleUpdate, updateGoogleTicketObject } from "./google-wallet.ts";
import type { TWalletSettings } from "./env.ts";
import { loadWalletTicket } from "./wallet-ticket.ts";

/**
 * Call after a ticket changes (revoked, refunded, transferred, holder renamed), once its change is
 * committed: the ticket's Apple pass gets a new lastUpdated (so devices that ask "what changed
 * since?" and "If-Modified-Since" see it) and a `wallet.pass-changed` job pushes the update to
 * the registered devices and to Google. Passes are always built from the ticket's current state,
 * so this only announces; calling it twice is harmless.
 */
export async function ticketPassChanged(
  db: Db,
  queues: QueueClient,
  ticketIds: string | readonly string[],
  clock: Pick<Clock, "now"> = { now: () => new Date() },
): Promise<void> {
  const ids = [...new Set(typeof ticketIds === "string" ? [ticketIds] : ticketIds)];
  if (ids.length === 0) return;
  const now = clock.now();
  await db.walletPass.updateMany({ where: { ticketId: { in: ids } }, data: { changedAt: now } });
  for (const ticketId of ids) await queues.add(notificationWalletPassChanged, { ticketId }, { jobId: `wallet-pass-changed-${ticketId}-${now.getTime()}` });
}

export interface TPassChangePushed {
  /** Per registered device; "not-configured" without an APNs key. */
  apple: TPushOutcome[] | "not-configured";
  google: TGoogleUpdate;
}

/**
 * The `wallet.pass-changed` job: an APNs push to every device registered for the ticket's pass
 * (tokens APNs calls unregistered, 410, are dropped) and a PATCH of the Google object. Without
 * an APNs key or Google credentials that part is skipped with a log line.
 */
export async function pushPassChange(
  deps: { db: Db; settings: TWalletSettings; log: (message: string, fields: Record<string, unknown>) => void; fetch?: typeof fetch },
  ticketId: string,
): Promise<TPassChangePushed> {
  const ticket = await loadWalletTicket(deps.db, ticketId);
  const registrations = await deps.db.walletRegistration.findMany({ where: { ticketId }, select: { deviceLibraryId: true, pushToken: true } });
  let apple: TPassChangePushed["apple"] = "not-configured";
  if (!deps.settings.apns) {
    deps.log("wallet pass changed: no APNs key configured (APPLE_APNS_KEY_PEM, APPLE_APNS_KEY_ID), no push sent", { ticketId, devices: registrations.length });
  } else {
    const tokens = [...new Set(registrations.map((registration) => registration.pushToken))];
    apple = await sendPassUpdatePushes(deps.settings.apns, tokens);
    const gone = apple.filter((outcome) => outcome.status === 410).map((outcome) => outcome.pushToken);
    if (gone.length > 0) await deps.db.walletRegistration.deleteMany({ where: { ticketId, pushToken: { in: gone } } });
    const failed = apple.filter((outcome) => outcome.status !== 200 && outcome.status !== 410);
    if (failed.some((outcome) => outcome.status === 0 || outcome.status >= 500 || outcome.status === 429))
      throw new Error(`APNs did not take ${failed.length} of ${tokens.length} pushes; retried with the job`);
    deps.log("wallet pass changed: APNs pushes sent", { ticketId, sent: apple.length - failed.length, unregistered: gone.length, refused: failed.length });
  }
  const google = await updateGoogleTicketObject(deps.settings.google, ticket, deps.fetch);
  if (google === "not-configured") deps.log("wallet pass changed: no Google Wallet credentials configured, object not updated", { ticketId });
  else deps.log(`wallet pass changed: Google Wallet object ${google}`, { ticketId });
  return { apple, google };
}
