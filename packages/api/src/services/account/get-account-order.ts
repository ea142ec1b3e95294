import type { Db } from "@marquee/db";
import { toLocale, type TLocale } from "@marquee/documents/locale";
import type { Clock } from "../../clock.ts";
import { AppError } from "../../errors.ts";
import { resolveName } from "../content/resolve-content.ts";
import { loadOrder, orderWithTickets } from "../checkout/get-order.ts";
import { listOrderRefunds } from "../refunds/refund-order.ts";
import type { TAccountOrderOutput } from "./account-order-schemas.ts";
import { ACCOUNT_ORDER_EVENT_SELECT } from "./list-account-orders.ts";

/** One of the signed-in buyer's orders as order.get shows it, with its event and refunds; anyone else's is NOT_FOUND. */
export async function getAccountOrder(deps: { db: Db; clock: Clock }, userId: string, orderId: string, locale?: TLocale): Promise<TAccountOrderOutput> {
  const order = await loadOrder(deps.db, orderId);
  if (!order || order.userId !== userId) throw new AppError("NOT_FOUND", "Order not found.");
  const [output, event, refunds] = await Promise.all([
    orderWithTickets(deps, order, locale),
    deps.db.event.findUniqueOrThrow({
      where: { id: order.eventId },
      select: {
        ...ACCOUNT_ORDER_EVENT_SELECT,
        translations: true,
        defaultLanguage: true,
        ticketTypes: { select: { id: true, name: true, translations: true }, orderBy: { sortOrder: "asc" } },
      },
    }),
    listOrderRefunds(deps.db, { organizationId: order.organizationId, orderId: order.id }),
  ]);
  const { translations, defaultLanguage, ticketTypes, ...eventFields } = event;
  const language = { requested: locale ?? toLocale(order.locale), defaultLanguage };
  return {
    ...output,
    event: {
      ...eventFields,
      name: resolveName({ name: event.name, translations }, language),
      ticketTypes: ticketTypes.map((type) => ({ id: type.id, name: resolveName(type, language) })),
    },
    refunds,
  };
}
