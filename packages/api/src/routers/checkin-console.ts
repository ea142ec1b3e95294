import { z } from "zod";
import { openapi } from "../rest/meta.ts";
import { ZCheckinList, ZCheckinListSave, ZConsoleDevice, ZCreateDeviceInput, ZDevicePairing, ZDeviceRef } from "../services/checkin/checkin-schemas.ts";
import { checkinAppUrl } from "../services/checkin/devices/checkin-app-url.ts";
import { createDevice } from "../services/checkin/devices/create-device.ts";
import { listDevices } from "../services/checkin/devices/list-devices.ts";
import { revokeDevice } from "../services/checkin/devices/revoke-device.ts";
import { rollDevice } from "../services/checkin/devices/roll-device.ts";
import { archiveCheckinList } from "../services/checkin/lists/archive-checkin-list.ts";
import { listCheckinLists } from "../services/checkin/lists/list-checkin-lists.ts";
import { saveCheckinList } from "../services/checkin/lists/save-checkin-list.ts";
import { organizationProcedure } from "../trpc.ts";
import { scopeOf } from "./organiser-event.ts";

// Door check-in in the console: check-in lists and scanner devices (adminRouter.checkin, with
// checkin-console-stats.ts). The contract is services/checkin/checkin-schemas.ts.

const view = organizationProcedure("event.view");
const manage = organizationProcedure("event.manage");
const devices = organizationProcedure("device.manage");
const deviceDeps = <T extends object>(ctx: T) => ({ ...ctx, checkinUrl: checkinAppUrl() });

/** Procedures of adminRouter.checkin: lists, saveList, archiveList, devices, createDevice, rollDevice, revokeDevice. */
export const checkinConsoleProcedures = {
  lists: view
    .input(z.object({ eventId: z.uuid() }))
    .output(z.array(ZCheckinList))
    .query(({ ctx, input }) => listCheckinLists(ctx, ctx.organization.id, input.eventId)),
  saveList: manage
    .input(ZCheckinListSave)
    .output(ZCheckinList)
    .mutation(({ ctx, input }) => {
      const { organizationId: _organizationId, ...list } = input;
      return saveCheckinList(ctx, scopeOf(ctx), list);
    }),
  archiveList: manage
    .input(z.object({ listId: z.uuid() }))
    .output(ZCheckinList)
    .mutation(({ ctx, input }) => archiveCheckinList(ctx, scopeOf(ctx), input.listId)),
  devices: devices
    .input(z.object({ eventId: z.uuid().optional() }))
    .output(z.array(ZConsoleDevice))
    .query(({ ctx, input }) => listDevices(ctx, ctx.organization.id, input)),
  createDevice: devices
    .meta(
      openapi({
        method: "POST",
        path: "/organization/checkin/devices",
        operationId: "createCheckinDevice",
        summary: "Create a scanner device and its one-time pairing payload",
        description:
          "The device is PENDING until a phone redeems the pairing token (15 minutes, once) with pairDevice. Show `qrText` as a QR code or `token` to type.",
        tags: ["organizer-checkin"],
        successStatus: 201,
      }),
    )
    .input(ZCreateDeviceInput)
    .output(ZDevicePairing)
    .mutation(({ ctx, input }) => {
      const { organizationId: _organizationId, ...device } = input;
      return createDevice(deviceDeps(ctx), scopeOf(ctx), device);
    }),
  rollDevice: devices
    .input(ZDeviceRef)
    .output(ZDevicePairing)
    .mutation(({ ctx, input }) => rollDevice(deviceDeps(ctx), scopeOf(ctx), input.deviceId)),
  revokeDevice: devices
    .meta(
      openapi({
        method: "POST",
        path: "/organization/checkin/devices/{deviceId}/revoke",
        operationId: "revokeCheckinDevice",
        summary: "Revoke a scanner device",
        description: "Its next request is refused with 401 DEVICE_REVOKED, on which the scanner app wipes its local data.",
        tags: ["organizer-checkin"],
      }),
    )
    .input(ZDeviceRef)
    .output(ZConsoleDevice)
    .mutation(({ ctx, input }) => revokeDevice(ctx, scopeOf(ctx), input.deviceId)),
};
