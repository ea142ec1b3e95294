import type { Db, TeamRole } from "@marquee/db";
import { z } from "zod";
import { AppError } from "../../errors.ts";
import { type TAuditActor, recordAudit } from "../audit/record-audit.ts";
import { policyRequires } from "../two-factor/two-factor-policy.ts";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((value) => (value === "" ? null : value))
    .nullable();

export const ZOrganizationSettingsOutput = z.object({
  id: z.uuid(),
  name: z.string(),
  slug: z.string(),
  country: z.string(),
  currency: z.string(),
  legalName: z.string().nullable(),
  address: z.string().nullable(),
  taxId: z.string().nullable(),
  supportEmail: z.string().nullable(),
  twoFactorPolicy: z.enum(["OFF", "OWNERS", "OWNERS_AND_ADMINS"]),
});
export type TOrganizationSettingsOutput = z.infer<typeof ZOrganizationSettingsOutput>;

/** Any of the settings; what is left out stays. Country and currency stay fixed once events sell in them. */
export const ZUpdateOrganizationSettingsInput = z.object({
  organizationId: z.uuid(),
  name: z.string().trim().min(2).max(120).optional(),
  legalName: optionalText(200).optional(),
  address: optionalText(500).optional(),
  taxId: optionalText(40).optional(),
  supportEmail: z
    .union([z.email().max(320), z.literal("")])
    .transform((value) => (value === "" ? null : value.toLowerCase()))
    .nullable()
    .optional(),
  twoFactorPolicy: z.enum(["OFF", "OWNERS", "OWNERS_AND_ADMINS"]).optional(),
});
export type TUpdateOrganizationSettingsInput = z.infer<typeof ZUpdateOrganizationSettingsInput>;

const SELECT = {
  id: true,
  name: true,
  slug: true,
  country: true,
  currency: true,
  legalName: true,
  address: true,
  taxId: true,
  supportEmail: true,
  twoFactorPolicy: true,
} as const;

export const getOrganizationSettings = (deps: { db: Db }, organizationId: string): Promise<TOrganizationSettingsOutput> =>
  deps.db.organization.findUniqueOrThrow({ where: { id: organizationId }, select: SELECT });

const hasTwoFactor = async (db: Db, userId: string) =>
  (await db.user.findUniqueOrThrow({ where: { id: userId }, select: { twoFactorEnabledAt: true } })).twoFactorEnabledAt !== null;

/**
 * Saves the settings that changed and audits `organization.update` with each field's before and
 * after. A policy that would cover the caller's own role while they have no two-factor is
 * TWO_FACTOR_REQUIRED: they turn it on first, rather than lock themselves out of the organisation.
 */
export async function updateOrganizationSettings(
  deps: { db: Db },
  actor: TAuditActor,
  input: TUpdateOrganizationSettingsInput,
  caller: { userId: string; role: TeamRole },
): Promise<TOrganizationSettingsOutput> {
  const { organizationId, ...fields } = input;
  if (fields.twoFactorPolicy && policyRequires(fields.twoFactorPolicy, caller.role) && !(await hasTwoFactor(deps.db, caller.userId))) {
    throw new AppError("TWO_FACTOR_REQUIRED", "Turn on two-factor sign-in for your own account before requiring it of your role.");
  }
  return deps.db.$transaction(async (tx) => {
    const before = await tx.organization.findUniqueOrThrow({ where: { id: organizationId }, select: SELECT });
    const changes = Object.fromEntries(
      Object.entries(fields).filter(([key, value]) => value !== undefined && before[key as keyof typeof before] !== value),
    ) as Partial<TOrganizationSettingsOutput>;
    if (Object.keys(changes).length === 0) return before;
    const after = await tx.organization.update({ where: { id: organizationId }, data: changes, select: SELECT });
    await recordAudit(tx, {
      organizationId,
      actor,
      action: "organization.update",
      targetType: "Organization",
      targetId: organizationId,
      data: Object.fromEntries(
        Object.keys(changes).map((key) => [key, { before: before[key as keyof typeof before], after: after[key as keyof typeof after] }]),
      ),
    });
    return after;
  });
}
