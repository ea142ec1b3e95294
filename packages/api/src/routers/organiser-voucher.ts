import { z } from "zod";
import { openapi } from "../rest/meta.ts";
import {
  ZCreateVoucherInput,
  ZGenerateVouchersInput,
  ZListVouchersInput,
  ZOrganizerVoucher,
  ZVoucherIdInput,
  createVoucher,
  generateVouchers,
  listVouchers,
  setVoucherActive,
} from "../services/organiser-event/vouchers.ts";
import { createTRPCRouter, organizationProcedure } from "../trpc.ts";
import { scopeOf } from "./organiser-event.ts";

const view = organizationProcedure("event.view");
const manage = organizationProcedure("event.manage");

/** Vouchers and promo codes of an event (checkout applies them). Mounted as `voucher`. */
export const organiserVoucherRouter = createTRPCRouter({
  list: view.input(ZListVouchersInput).query(({ ctx, input }) => listVouchers(ctx, ctx.organization.id, input)),
  create: manage
    .meta(
      openapi({
        method: "POST",
        path: "/organization/vouchers",
        operationId: "createVoucher",
        summary: "Create a voucher or promo code for an event",
        tags: ["organization"],
        successStatus: 201,
      }),
    )
    .input(ZCreateVoucherInput)
    .output(ZOrganizerVoucher)
    .mutation(({ ctx, input }) => {
      const { organizationId: _organizationId, ...terms } = input;
      return createVoucher(ctx, scopeOf(ctx), terms);
    }),
  /** N random codes with a prefix; the answer carries them as CSV for download. */
  generate: manage
    .input(ZGenerateVouchersInput)
    .output(z.object({ count: z.number().int(), codes: z.array(z.string()), csv: z.string() }))
    .mutation(({ ctx, input }) => {
      const { organizationId: _organizationId, ...terms } = input;
      return generateVouchers(ctx, scopeOf(ctx), terms);
    }),
  setActive: manage
    .input(ZVoucherIdInput)
    .output(ZOrganizerVoucher)
    .mutation(({ ctx, input }) => setVoucherActive(ctx, scopeOf(ctx), input)),
});
