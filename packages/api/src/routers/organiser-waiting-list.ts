import { z } from "zod";
import { requestWaitingListOffers } from "../services/waiting-list/offer-triggers.ts";
import {
  ZListWaitingListInput,
  ZWaitingListEntryIdInput,
  ZWaitingListOverview,
  ZWaitingListSettings,
  ZWaitingListSettingsInput,
  exportWaitingList,
  getWaitingListOverview,
  removeWaitingListEntry,
  updateWaitingListSettings,
} from "../services/waiting-list/organiser-waiting-list.ts";
import { createTRPCRouter, organizationProcedure } from "../trpc.ts";
import { scopeOf } from "./organiser-event.ts";

const view = organizationProcedure("event.view");
const manage = organizationProcedure("event.manage");

/** An event's waiting list in the console: settings, entries, removal, CSV export. Mounted as `waitingList`. */
export const organiserWaitingListRouter = createTRPCRouter({
  overview: view
    .input(ZListWaitingListInput)
    .output(ZWaitingListOverview)
    .query(({ ctx, input }) => getWaitingListOverview(ctx, ctx.organization.id, input)),
  updateSettings: manage
    .input(ZWaitingListSettingsInput)
    .output(ZWaitingListSettings)
    .mutation(async ({ ctx, input }) => {
      const { eventId, enabled, paused, offerMinutes } = input;
      const updated = await updateWaitingListSettings(ctx, scopeOf(ctx), { eventId, enabled, paused, offerMinutes });
      // Offers resumed or the list turned on: stock already free goes to the line now.
      if (updated.enabled && !updated.paused) await requestWaitingListOffers(ctx, updated.eventId);
      return updated;
    }),
  remove: manage
    .input(ZWaitingListEntryIdInput)
    .output(z.object({ removed: z.literal(true), eventId: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      const removed = await removeWaitingListEntry(ctx, scopeOf(ctx), input.entryId);
      await requestWaitingListOffers(ctx, removed.eventId);
      return { removed: true as const, eventId: removed.eventId };
    }),
  export: view
    .input(z.object({ eventId: z.uuid() }))
    .output(z.object({ filename: z.string(), csv: z.string(), count: z.number().int() }))
    .query(({ ctx, input }) => exportWaitingList(ctx, ctx.organization.id, input.eventId)),
});
