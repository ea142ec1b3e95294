import { Prisma, type Db } from "@marquee/db";
import type { z } from "zod";
import { readInboundEmailDomain } from "../../env.ts";
import { AppError } from "../../errors.ts";
import { recordAudit, type TAuditActor } from "../audit/record-audit.ts";
import type { ZSupportSettings } from "./inbox-schemas.ts";
import type { TSupportSettingsView } from "./inbox-tools-schemas.ts";

// The organisation's help-inbox settings: SLA targets, automatic assignment, auto-solve, and the
// support address. The conversation counter in the same row belongs to conversation-number.ts and
// is never written here.

type TSupportSettings = z.infer<typeof ZSupportSettings>;

/** Local parts the mail set-up keeps for itself (bounces, the reply addresses, the postmaster). */
const RESERVED_LOCAL_PARTS = new Set(["postmaster", "abuse", "hostmaster", "webmaster", "mailer-daemon", "noreply", "no-reply", "reply", "bounce", "bounces"]);

const SELECT = {
  firstResponseMinutes: true,
  nextResponseMinutes: true,
  autoAssign: true,
  maxOpenPerAgent: true,
  autoSolvePendingDays: true,
  inboundLocalPart: true,
} as const;

/** The schema's defaults, for an organisation that never saved its settings. */
const DEFAULTS: TSupportSettings = {
  firstResponseMinutes: 240,
  nextResponseMinutes: 480,
  autoAssign: false,
  maxOpenPerAgent: 25,
  autoSolvePendingDays: null,
  inboundLocalPart: null,
};

const localPartTaken = () =>
  new AppError("CONFLICT", "Another organisation already uses this support address.", { field: "inboundLocalPart", reason: "ADDRESS_TAKEN" });

function view(settings: TSupportSettings, domain: string): TSupportSettingsView {
  return { ...settings, inboundDomain: domain, supportAddress: settings.inboundLocalPart ? `${settings.inboundLocalPart}@${domain}` : null };
}

export async function getSupportSettings(db: Db, organizationId: string, domain = readInboundEmailDomain()): Promise<TSupportSettingsView> {
  const row = await db.supportSettings.findUnique({ where: { organizationId }, select: SELECT });
  return view(row ?? DEFAULTS, domain);
}

/** Saves every setting at once (the form sends them all); the support address is unique across organisations. */
export async function updateSupportSettings(
  db: Db,
  input: TSupportSettings & { organizationId: string; actor: TAuditActor },
  domain = readInboundEmailDomain(),
): Promise<TSupportSettingsView> {
  const { organizationId, actor, ...settings } = input;
  if (settings.inboundLocalPart && RESERVED_LOCAL_PARTS.has(settings.inboundLocalPart))
    throw new AppError("VALIDATION_ERROR", "This address is reserved; choose another.", { field: "inboundLocalPart", reason: "ADDRESS_RESERVED" });
  try {
    const saved = await db.$transaction(async (tx) => {
      if (settings.inboundLocalPart) {
        const owner = await tx.supportSettings.findUnique({ where: { inboundLocalPart: settings.inboundLocalPart }, select: { organizationId: true } });
        if (owner && owner.organizationId !== organizationId) throw localPartTaken();
      }
      const before = (await tx.supportSettings.findUnique({ where: { organizationId }, select: SELECT })) ?? DEFAULTS;
      const after = await tx.supportSettings.upsert({ where: { organizationId }, create: { organizationId, ...settings }, update: settings, select: SELECT });
      await recordAudit(tx, {
        organizationId,
        actor,
        action: "support.settings-update",
        targetType: "organization",
        targetId: organizationId,
        data: { before, after },
      });
      return after;
    });
    return view(saved, domain);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw localPartTaken();
    throw error;
  }
}
