// The shop serves buyers only: its /api/trpc (and the standalone server, which serves the buyer's
// tRPC) must not run organiser or door procedures, even for an organiser signed in to the shop.
import { cookieNameOf, signIn, trpc } from "../http.ts";
import { inputFor } from "../procedures.ts";
import type { Attack } from "./types.ts";

const REFUSED = new Set([401, 403, 404]);

export const shopOrganiser: Attack = {
  name: "organiser procedure on the shop",
  async run(context, tally) {
    const { a, password } = context.fixtures;
    const session = await signIn(context.urls.web, "web", a.ownerEmail, password);
    if (!session) throw new Error("the shop refused the organiser's own password sign-in");
    // A path the shop's router serves itself is the shop's own procedure there (`realtime.authorize`
    // signs buyers' queue channels in the shop and organisers' channels in the console), so it answers
    // as the buyer's; every other organisation-scoped path must be refused.
    const organiserProcedures = context.procedures.filter((procedure) => procedure.organizationScoped && !procedure.apps.includes("web"));
    if (organiserProcedures.length === 0) throw new Error("found no organisation-scoped procedure in the router");
    // Tenant A's own ids: the organiser may do all of this, just not from the shop.
    const fields = { organizationId: a.organizationId, eventId: a.eventId, orderId: a.orderId, ticketIds: [a.ticketId] };
    for (const server of ["web", "api"] as const) {
      for (const procedure of organiserProcedures) {
        const answer = await trpc(context.urls[server], procedure.path, inputFor(procedure, fields), {
          type: procedure.type,
          cookies: { [cookieNameOf("web")]: session },
        });
        tally.check(`${server} /api/trpc ${procedure.path} answered ${answer.status} to an organiser's shop cookie`, !REFUSED.has(answer.status));
      }
    }
  },
};
