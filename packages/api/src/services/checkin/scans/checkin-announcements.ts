import type { TSyncScan } from "../checkin-schemas.ts";
import { writeOutboxMany, type TOutboxTx } from "../../outbox/write-outbox.ts";
import type { TTicketChangedEvent } from "./checkin-events.ts";

// Writes door check-in's outbox events in the transaction that made the change, so devices hear of
// exactly what was committed (the relay publishes them on the event's check-in channel).

/** Announces counted scans, annulments and flipped admissions ("scan" on private-checkin-<eventId>). */
export async function announceScans(tx: TOutboxTx, scans: readonly TSyncScan[]): Promise<void> {
  await writeOutboxMany(
    tx,
    scans.map((scan) => ({ topic: "checkin.scan-recorded" as const, aggregateType: "Scan", aggregateId: scan.id, payload: scan })),
  );
}

/** Announces tickets that stopped being valid ("ticket"), so online scanners refuse them within seconds. */
export async function announceTicketChanges(tx: TOutboxTx, tickets: readonly TTicketChangedEvent[]): Promise<void> {
  await writeOutboxMany(
    tx,
    tickets.map((ticket) => ({ topic: "checkin.ticket-changed" as const, aggregateType: "Ticket", aggregateId: ticket.id, payload: ticket })),
  );
}
