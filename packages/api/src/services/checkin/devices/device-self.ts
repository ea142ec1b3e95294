import type { Prisma } from "@marquee/db";
import type { TDeviceSelf } from "../checkin-schemas.ts";

type Tx = Prisma.TransactionClient;

/** What a device is told of itself after pairing: its organisation, name, gate, role and the organisation's events it may scan. */
export async function deviceSelf(tx: Tx, deviceId: string): Promise<TDeviceSelf> {
  const device = await tx.checkinDevice.findUniqueOrThrow({
    where: { id: deviceId },
    select: { id: true, organizationId: true, name: true, gate: true, role: true, eventId: true, eventIds: true, organization: { select: { name: true } } },
  });
  const wanted = device.eventIds.length > 0 ? device.eventIds : device.eventId ? [device.eventId] : [];
  const events = await tx.event.findMany({ where: { id: { in: wanted }, organizationId: device.organizationId }, select: { id: true } });
  const own = new Set(events.map((event) => event.id));
  return {
    id: device.id,
    organizationId: device.organizationId,
    organizationName: device.organization.name,
    name: device.name,
    gate: device.gate,
    role: device.role,
    eventIds: wanted.filter((id) => own.has(id)),
  };
}
