import type { Db } from "@marquee/db";
import type { Clock } from "../../../clock.ts";
import type { TAuditActor } from "../../audit/record-audit.ts";

/** What the console's device services need: the database, the clock, and the scanner app's public URL (CHECKIN_URL) for pairing payloads. */
export interface TDeviceDeps {
  db: Db;
  clock: Clock;
  checkinUrl: string;
}

/** The organisation acted in, and who acted (for the audit log). */
export interface TDeviceScope {
  organizationId: string;
  actor: TAuditActor;
}
