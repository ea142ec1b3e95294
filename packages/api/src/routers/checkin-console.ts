// Door check-in in the console: check-in lists and scanner devices (adminRouter.checkin, with
// checkin-console-stats.ts). The contract is services/checkin/checkin-schemas.ts.

/** Procedures of adminRouter.checkin: lists, saveList, archiveList, devices, createDevice, rollDevice, revokeDevice. */
export const checkinConsoleProcedures = {};
