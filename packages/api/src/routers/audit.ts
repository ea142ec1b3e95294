import { listAudit, ZListAuditInput, ZListAuditOutput } from "../services/audit/list-audit.ts";
import { createTRPCRouter, organizationProcedure } from "../trpc.ts";

/** The organisation's audit log (append-only), newest first, for owners and admins. */
export const auditRouter = createTRPCRouter({
  list: organizationProcedure("organization.manage")
    .input(ZListAuditInput)
    .output(ZListAuditOutput)
    .query(({ ctx, input }) => listAudit(ctx, ctx.organization.id, input)),
});
