import { z } from "zod";
import { openapi } from "../rest/meta.ts";
import { createTRPCRouter, organizationProcedure } from "../trpc.ts";

const ZCurrentOrganizationOutput = z.object({
  id: z.string(),
  name: z.string(),
  /** The caller's role here: the member's, or the API token's. */
  role: z.enum(["OWNER", "ADMIN", "BOX_OFFICE", "DOOR_STAFF", "SUPPORT_AGENT"]),
  /** The calling API token, when the call came with one (REST). */
  apiToken: z.object({ id: z.string(), name: z.string() }).nullable(),
});

/** The organisation the caller acts in: for a REST call, the calling token's. */
export const organizationRouter = createTRPCRouter({
  current: organizationProcedure("organization.view")
    .meta(
      openapi({
        method: "GET",
        path: "/organization",
        operationId: "getCurrentOrganization",
        summary: "The calling token's organisation, with the token's name and role",
        tags: ["organization"],
      }),
    )
    .output(ZCurrentOrganizationOutput)
    .query(({ ctx }) => {
      const membership = ctx.session.memberships.find((m) => m.organizationId === ctx.organization.id)!;
      return { id: ctx.organization.id, name: membership.organizationName, role: ctx.organization.role, apiToken: ctx.session.apiToken ?? null };
    }),
});
