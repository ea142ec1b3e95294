// Door check-in in the console: live progress and double entries (adminRouter.checkin, with
// checkin-console.ts). The contract is services/checkin/checkin-schemas.ts.

/** Procedures of adminRouter.checkin: stats, conflicts. */
export const checkinStatsProcedures = {};
