import { type TRole } from "../env.ts";
import { createAnalyticsRole } from "./analytics.ts";
import { createBookingRole } from "./booking.ts";
import { createInvoiceRole } from "./invoice.ts";
import { createNotificationRole } from "./notification.ts";
import { createPaymentRole } from "./payment.ts";
import { type TRoleContext, type TRoleModule } from "./types.ts";

export const ROLE_FACTORIES: Record<TRole, (context: TRoleContext) => TRoleModule> = {
  booking: createBookingRole,
  payment: createPaymentRole,
  invoice: createInvoiceRole,
  notification: createNotificationRole,
  analytics: createAnalyticsRole,
};
