import { getAccount } from "../services/account/get-account.ts";
import { ZUpdateProfileInput, updateProfile } from "../services/account/update-profile.ts";
import { authedProcedure, createTRPCRouter } from "../trpc.ts";

export const accountRouter = createTRPCRouter({
  me: authedProcedure.query(({ ctx }) => getAccount(ctx, ctx.session.id)),
  updateProfile: authedProcedure.input(ZUpdateProfileInput).mutation(({ ctx, input }) => updateProfile(ctx, ctx.session.id, input)),
});
