import {
  ZApiTokenIdInput,
  ZApiTokenOutput,
  ZCreateApiTokenInput,
  ZCreatedApiTokenOutput,
  ZListApiTokensInput,
} from "../services/api-token/api-token-schemas.ts";
import { createApiToken, listApiTokens, revokeApiToken } from "../services/api-token/manage-api-tokens.ts";
import { createTRPCRouter, organizationProcedure } from "../trpc.ts";
import { z } from "zod";

/** The organisation's API tokens (console: owners and admins). Secrets are shown once, at creation. */
export const apiTokenRouter = createTRPCRouter({
  list: organizationProcedure("organization.manage")
    .input(ZListApiTokensInput)
    .output(z.array(ZApiTokenOutput))
    .query(({ ctx, input }) => listApiTokens(ctx, ctx.organization.id, input)),
  create: organizationProcedure("organization.manage")
    .input(ZCreateApiTokenInput)
    .output(ZCreatedApiTokenOutput)
    .mutation(({ ctx, input }) => createApiToken(ctx, ctx.organization.id, { ...input, createdById: ctx.session.id })),
  revoke: organizationProcedure("organization.manage")
    .input(ZApiTokenIdInput)
    .output(ZApiTokenOutput)
    .mutation(({ ctx, input }) => revokeApiToken(ctx, ctx.organization.id, input.tokenId)),
});
