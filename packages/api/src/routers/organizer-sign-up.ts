import { rateLimited } from "../rate-limit/rate-limited.ts";
import { confirmOrganizerEmail } from "../services/organizer-sign-up/confirm-organizer-email.ts";
import { ZConfirmOrganizerEmailInput, ZConfirmOrganizerEmailOutput, ZOrganizerSignUpInput } from "../services/organizer-sign-up/organizer-sign-up-schemas.ts";
import { signUpOrganizer } from "../services/organizer-sign-up/sign-up-organizer.ts";
import { createTRPCRouter, publicProcedure } from "../trpc.ts";
import { z } from "zod";

// As the shop's sign-up: 20 per client address per 15 minutes.
const SIGN_UP_LIMITS = { perIp: 20, windowSeconds: 15 * 60 };
const CONFIRM_LIMITS = { perIp: 20, windowSeconds: 15 * 60 };

/** The console's public sign-up (signed-out visitors): an account, its organisation, the e-mail proof. */
export const organizerSignUpRouter = createTRPCRouter({
  /** Always `{ ok: true }`: a taken address gets an e-mail instead of an error (no account enumeration). */
  signUp: publicProcedure
    .use(rateLimited("organizer-signup", SIGN_UP_LIMITS))
    .input(ZOrganizerSignUpInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(({ ctx, input }) => signUpOrganizer(ctx, input)),
  /** The e-mailed link plus the password chosen at sign-up; the page then signs in with it. */
  confirmEmail: publicProcedure
    .use(rateLimited("organizer-confirm", CONFIRM_LIMITS))
    .input(ZConfirmOrganizerEmailInput)
    .output(ZConfirmOrganizerEmailOutput)
    .mutation(({ ctx, input }) => confirmOrganizerEmail(ctx, input)),
});
