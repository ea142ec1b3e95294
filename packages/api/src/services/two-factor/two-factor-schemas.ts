import { z } from "zod";

export const ZTwoFactorCode = z.string().trim().min(6).max(20);

export const ZTwoFactorStatusOutput = z.object({
  enabled: z.boolean(),
  enabledAt: z.date().nullable(),
  recoveryCodesLeft: z.number().int(),
  /** Organisations whose policy requires two-factor for the caller's role there. */
  requiredBy: z.array(z.object({ organizationId: z.uuid(), organizationName: z.string() })),
});

export const ZBeginEnrolmentOutput = z.object({ secret: z.string(), otpauthUrl: z.string(), qrSvg: z.string() });
export const ZConfirmEnrolmentInput = z.object({ code: ZTwoFactorCode });
export const ZConfirmEnrolmentOutput = z.object({ recoveryCodes: z.array(z.string()) });
export const ZDisableTwoFactorInput = z
  .object({ code: ZTwoFactorCode.optional(), password: z.string().min(1).max(200).optional() })
  .refine((input) => input.code !== undefined || input.password !== undefined, { message: "Give a code or your password." });
export type TDisableTwoFactorInput = z.infer<typeof ZDisableTwoFactorInput>;
