import { z } from "zod";
import { ZCopySeatMapInput, ZCopySeatMapOutput, copySeatMap } from "../services/seat-map/copy-seat-map.ts";
import { ZListSeatMapsInput, ZSeatMapDetail, ZSeatMapSummary, exportSeatMap, getSeatMapDetail, listSeatMaps } from "../services/seat-map/read-seat-maps.ts";
import { ZSaveSeatMapInput, ZSaveSeatMapOutput, saveSeatMap } from "../services/seat-map/save-seat-map.ts";
import { ZSeatMapDocument } from "../services/seat-map/seat-map-document.ts";
import { createTRPCRouter, organizationProcedure } from "../trpc.ts";

const ZSeatMapId = z.object({ seatMapId: z.uuid() });

/** Seat maps of an organisation (console): the editor's reads and writes. Maps with sales are versioned, never changed. */
export const seatMapRouter = createTRPCRouter({
  list: organizationProcedure("event.view")
    .input(ZListSeatMapsInput.omit({ organizationId: true }))
    .output(z.object({ seatMaps: z.array(ZSeatMapSummary), nextCursor: z.uuid().nullable() }))
    .query(({ ctx, input }) => listSeatMaps(ctx, input)),
  get: organizationProcedure("event.view")
    .input(ZSeatMapId)
    .output(ZSeatMapDetail)
    .query(({ ctx, input }) => getSeatMapDetail(ctx, input.organizationId, input.seatMapId)),
  save: organizationProcedure("event.manage")
    .input(ZSaveSeatMapInput.omit({ organizationId: true }))
    .output(ZSaveSeatMapOutput)
    .mutation(({ ctx, input }) => saveSeatMap(ctx, input)),
  /** A JSON document from a file: validated exactly as a save; a new map, or a new version of `seatMapId`. */
  import: organizationProcedure("event.manage")
    .input(ZSaveSeatMapInput.omit({ organizationId: true }))
    .output(ZSaveSeatMapOutput)
    .mutation(({ ctx, input }) => saveSeatMap(ctx, input, "import")),
  export: organizationProcedure("event.manage")
    .input(ZSeatMapId)
    .output(ZSeatMapDocument)
    .mutation(({ ctx, input }) => exportSeatMap(ctx, input.organizationId, input.seatMapId)),
  copy: organizationProcedure("event.manage")
    .input(ZCopySeatMapInput.omit({ organizationId: true }))
    .output(ZCopySeatMapOutput)
    .mutation(({ ctx, input }) => copySeatMap(ctx, input)),
});
