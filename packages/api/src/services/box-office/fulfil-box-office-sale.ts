import { AppError } from "../../errors.ts";
import { fulfilOrder, type TFulfilDeps, type TFulfilOutcome } from "../fulfilment/fulfil-order.ts";

/**
 * The payment worker's handler for `order.paid`: a box-office sale has no `payment.authorized`, so
 * the rest of the saga (tickets, invoice, e-mail when an address was given) starts here, each step
 * once-only. Any other order's saga wrote `order.paid` itself and is already past this point.
 */
export async function fulfilBoxOfficeSale(deps: TFulfilDeps, orderId: string): Promise<TFulfilOutcome | "NOT_BOX_OFFICE"> {
  const order = await deps.db.order.findUnique({ where: { id: orderId }, select: { channel: true } });
  if (!order) throw new AppError("NOT_FOUND", "Order not found.");
  if (order.channel !== "BOX_OFFICE") return "NOT_BOX_OFFICE";
  return fulfilOrder(deps, orderId);
}
