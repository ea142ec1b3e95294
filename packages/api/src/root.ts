import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppName } from "./auth/app-session-token.ts";
import { accountRouter } from "./routers/account.ts";
import { apiTokenRouter } from "./routers/api-token.ts";
import { auditRouter } from "./routers/audit.ts";
import { availabilityRouter } from "./routers/availability.ts";
import { boxOfficeRouter } from "./routers/box-office.ts";
import { cartRouter } from "./routers/cart.ts";
import { doorCheckinRouter } from "./routers/checkin.ts";
import { checkinConsoleProcedures } from "./routers/checkin-console.ts";
import { checkinStatsProcedures } from "./routers/checkin-console-stats.ts";
import { checkinDeviceRouter } from "./routers/checkin-device.ts";
import { checkinPairingRouter } from "./routers/checkin-pairing.ts";
import { dashboardRouter } from "./routers/dashboard.ts";
import { eventRouter, organiserEventRouter } from "./routers/event.ts";
import { holdRouter } from "./routers/hold.ts";
import { inboxToolsRouter } from "./routers/inbox-tools.ts";
import { organiserPricingRouter } from "./routers/organiser-pricing.ts";
import { organiserTicketTypeRouter } from "./routers/organiser-ticket-type.ts";
import { organiserVoucherRouter } from "./routers/organiser-voucher.ts";
import { orderRouter, organiserOrderRouter } from "./routers/order.ts";
import { inboxRouter } from "./routers/inbox.ts";
import { organizationRouter } from "./routers/organization.ts";
import { queueRouter } from "./routers/queue.ts";
import { organiserRealtimeRouter, realtimeRouter } from "./routers/realtime.ts";
import { seatMapRouter } from "./routers/seat-map.ts";
import { supportRouter } from "./routers/support.ts";
import { venueRouter } from "./routers/venue.ts";
import { walletRouter } from "./routers/wallet.ts";
import { organiserWaitingListRouter } from "./routers/organiser-waiting-list.ts";
import { waitingListRouter } from "./routers/waiting-list.ts";
import { organiserRefundRequestRouter, ticketRouter } from "./routers/ticket.ts";
import { organizationSettingsRouter } from "./routers/organization-settings.ts";
import { organizerSignUpRouter } from "./routers/organizer-sign-up.ts";
import { invitationRouter, teamRouter } from "./routers/team.ts";
import { twoFactorRouter } from "./routers/two-factor.ts";
import { webhookRouter } from "./routers/webhook.ts";
import { createCallerFactory, createTRPCRouter } from "./trpc.ts";

// One router per app: each app's /api/trpc serves only what its users need, so a session in one
// app cannot reach another app's procedures (an organiser signed in to the shop cannot refund
// there; the console has no checkout). Procedure paths are the same in every app that has them.

/** Who is signed in: the account bar of the console and the scanner. */
const signedInAccountRouter = createTRPCRouter({ me: accountRouter.me });

/** The shop (apps/web, the standalone API server, and the REST API): buyers' procedures. */
export const webRouter = createTRPCRouter({
  account: accountRouter,
  availability: availabilityRouter,
  cart: cartRouter,
  event: eventRouter,
  hold: holdRouter,
  order: orderRouter,
  queue: queueRouter,
  realtime: realtimeRouter,
  support: supportRouter,
  wallet: walletRouter,
  ticket: ticketRouter,
  waitingList: waitingListRouter,
});

/** The organiser console (apps/admin): procedures inside an organisation. */
export const adminRouter = createTRPCRouter({
  account: signedInAccountRouter,
  boxOffice: boxOfficeRouter,
  dashboard: dashboardRouter,
  inbox: inboxRouter,
  event: organiserEventRouter,
  order: organiserOrderRouter,
  realtime: organiserRealtimeRouter,
  refundRequest: organiserRefundRequestRouter,
  ticketType: organiserTicketTypeRouter,
  pricing: organiserPricingRouter,
  voucher: organiserVoucherRouter,
  team: teamRouter,
  organizationSettings: organizationSettingsRouter,
  twoFactor: twoFactorRouter,
  // The only public procedures of the console (signed-out visitors): sign-up and invitation links.
  organizerSignUp: organizerSignUpRouter,
  invitation: invitationRouter,
  seatMap: seatMapRouter,
  venue: venueRouter,
  apiToken: apiTokenRouter,
  audit: auditRouter,
  organization: organizationRouter,
  waitingList: organiserWaitingListRouter,
  inboxTools: inboxToolsRouter,
  checkin: createTRPCRouter({ ...checkinConsoleProcedures, ...checkinStatsProcedures }),
  webhook: webhookRouter,
});

/** The door scanner (apps/checkin-pwa). */
export const checkinRouter = createTRPCRouter({
  account: signedInAccountRouter,
  checkin: doorCheckinRouter,
});

/**
 * Paired scanner devices (Authorization: Bearer mq_dev_...): served as REST only, on the scanner's
 * origin (apps/checkin-pwa /api/v1) and in the API's document. No cookie session is ever read.
 */
export const deviceRouter = createTRPCRouter({
  checkinPairing: checkinPairingRouter,
  checkinDevice: checkinDeviceRouter,
});
export type DeviceRouter = typeof deviceRouter;

/** What every app's router has: the shared UI (packages/ui) calls only this. */
export const sharedRouter = createTRPCRouter({ account: signedInAccountRouter });

export type SharedRouter = typeof sharedRouter;
export type WebRouter = typeof webRouter;
export type AdminRouter = typeof adminRouter;
export type CheckinRouter = typeof checkinRouter;

/** Each app's router, by the app name its session cookie carries. */
export const appRouters = { web: webRouter, admin: adminRouter, checkin: checkinRouter } as const satisfies Record<AppName, unknown>;
export type AppRouters = typeof appRouters;

export type WebRouterInputs = inferRouterInputs<WebRouter>;
export type WebRouterOutputs = inferRouterOutputs<WebRouter>;
export type AdminRouterOutputs = inferRouterOutputs<AdminRouter>;
export type CheckinRouterOutputs = inferRouterOutputs<CheckinRouter>;
/** The shop's inputs and outputs, under the names its components use. */
export type RouterInputs = WebRouterInputs;
export type RouterOutputs = WebRouterOutputs;

export const createWebCaller = createCallerFactory(webRouter);
export const createAdminCaller = createCallerFactory(adminRouter);
export const createCheckinCaller = createCallerFactory(checkinRouter);
