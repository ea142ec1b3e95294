// Cross-tenant ids: the organiser of A calls every organisation-scoped procedure with B's ids,
// once naming A (B's event, order and ticket under A's organisationId) and once naming B. Each is
// sent to the console and the scanner (whichever serves it); any success got through.
import { cookieNameOf, trpc, type AppName } from "../http.ts";
import { inputFor } from "../procedures.ts";
import { signInEverywhere } from "./cookie-swap.ts";
import { isUnknownProcedure, type Attack } from "./types.ts";

const CONSOLE_APPS: AppName[] = ["admin", "checkin"];

export const crossTenant: Attack = {
  name: "cross-tenant ids",
  async run(context, tally) {
    const { a, b } = context.fixtures;
    const sessions = await signInEverywhere(context, a.ownerEmail);
    const own = await trpc(
      context.urls.admin,
      "event.listForOrganization",
      { organizationId: a.organizationId },
      { type: "query", cookies: { [cookieNameOf("admin")]: sessions.admin } },
    );
    if (own.status !== 200) throw new Error(`the console answers ${own.status} to the organiser's own organisation`);

    const foreign = { eventId: b.eventId, orderId: b.orderId, ticketIds: [b.ticketId], ticketTypeId: b.ticketTypeId };
    const procedures = context.procedures.filter((procedure) => procedure.organizationScoped);
    for (const procedure of procedures) {
      // A's organisation with B's ids only where the input takes ids besides the organisation's.
      const takesIds = procedure.inputs.some((schema) => Object.keys(schema.properties ?? {}).some((key) => key in foreign));
      const variants = [
        ...(takesIds ? [{ label: "A's organisationId with B's ids", fields: { ...foreign, organizationId: a.organizationId } }] : []),
        { label: "B's organisationId", fields: { ...foreign, organizationId: b.organizationId } },
      ];
      let served = false;
      for (const app of CONSOLE_APPS) {
        for (const { label, fields } of variants) {
          const answer = await trpc(context.urls[app], procedure.path, inputFor(procedure, fields), {
            type: procedure.type,
            cookies: { [cookieNameOf(app)]: sessions[app] },
          });
          if (isUnknownProcedure(answer.status, answer.body)) continue;
          served = true;
          tally.check(`${app} ${procedure.path} with ${label} answered ${answer.status}`, answer.status >= 200 && answer.status < 300);
        }
      }
      if (!served) context.log(`cross-tenant ids: ${procedure.path} is served by neither the console nor the scanner`);
    }
  },
};
