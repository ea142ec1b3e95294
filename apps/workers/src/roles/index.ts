import { type TRole } from "../env";
import { createAnalyticsRole } from "./analytics";
import { createBookingRole } from "./booking";
import { createInvoiceRole } from "./invoice";
import { createNotificationRole } from "./notification";
import { createPaymentRole } from "./payment";
import { type TRoleContext, type TRoleModule } from "./types";

export const ROLE_FACTORIES: Record<TRole, (context: TRoleContext) => TRoleModule> = {
  booking: createBookingRole,
  payment: createPaymentRole,
  invoice: createInvoiceRole,
  notification: createNotificationRole,
  analytics: createAnalyticsRole,
};
