import { rateLimited } from "../rate-limit/rate-limited.ts";
import { ZOrderIdInput } from "../services/checkout/checkout-schemas.ts";
import { ZAccountOrderOutput, ZAccountOrdersInput, ZAccountOrdersOutput } from "../services/account/account-order-schemas.ts";
import { getAccount } from "../services/account/get-account.ts";
import { getAccountOrder } from "../services/account/get-account-order.ts";
import { listAccountOrders } from "../services/account/list-account-orders.ts";
import { endAllSessions } from "../services/account/end-sessions.ts";
import { ZSetPasswordInput, setPassword } from "../services/account/set-password.ts";
import { ZSignUpInput, ZSignUpOutput, signUp } from "../services/account/sign-up.ts";
import { ZUpdateProfileInput, updateProfile } from "../services/account/update-profile.ts";
import { authedProcedure, createTRPCRouter, publicProcedure } from "../trpc.ts";
import { accountSelfServiceProcedures } from "./account-self-service.ts";

// Sign-ups per client address: 20 per 15 minutes (the sign-in's lockout window), enough for a
// family at one router, too few to farm accounts or probe many addresses for EMAIL_TAKEN.
const SIGN_UP_LIMITS = { perIp: 20, windowSeconds: 15 * 60 };

export const accountRouter = createTRPCRouter({
  me: authedProcedure.query(({ ctx }) => getAccount(ctx, ctx.session.id)),
  /** Name, language and marketing e-mails (any of them). */
  updateProfile: authedProcedure.input(ZUpdateProfileInput).mutation(({ ctx, input }) => updateProfile(ctx, ctx.session.id, input)),
  /**
   * A buyer account with a password, unproven until its owner follows an e-mailed link (the client
   * asks next-auth's e-mail provider for it); password sign-in waits for that proof.
   */
  signUp: publicProcedure
    .use(rateLimited("signup", SIGN_UP_LIMITS))
    .input(ZSignUpInput)
    .output(ZSignUpOutput)
    .mutation(({ ctx, input }) => signUp(ctx, input)),
  /** A password for an account without one; ends every session (the client signs in again with it). */
  setPassword: authedProcedure.input(ZSetPasswordInput).mutation(({ ctx, input }) => setPassword(ctx, ctx.session.id, input)),
  /** Ends every session of the account, this one included (a copied cookie is refused on its next request). */
  signOutEverywhere: authedProcedure.mutation(async ({ ctx }) => {
    await endAllSessions(ctx.db, ctx.session.id);
  }),
  /** The signed-in buyer's orders, newest first, with event, ticket count and refund summary. */
  orders: authedProcedure
    .input(ZAccountOrdersInput)
    .output(ZAccountOrdersOutput)
    .query(({ ctx, input }) => listAccountOrders(ctx, ctx.session.id, input)),
  /** One of the buyer's orders as order.get shows it, plus its event and refunds. */
  order: authedProcedure
    .input(ZOrderIdInput)
    .output(ZAccountOrderOutput)
    .query(({ ctx, input }) => getAccountOrder(ctx, ctx.session.id, input.orderId, input.locale)),
  ...accountSelfServiceProcedures,
});
