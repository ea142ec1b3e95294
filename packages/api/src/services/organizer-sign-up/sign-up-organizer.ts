import { randomBytes, randomUUID } from "node:crypto";
import { type Db, Prisma } from "@marquee/db";
import { hashPassword } from "@marquee/db/password";
import { recordAudit } from "../audit/record-audit.ts";
import { writeOutbox } from "../outbox/write-outbox.ts";
import type { TOrganizerSignUpInput } from "./organizer-sign-up-schemas.ts";

/** A URL slug from the organisation's name plus a random tail (slugs are unique; names are not). */
export function organizationSlug(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return `${base || "organisation"}-${randomBytes(3).toString("hex")}`;
}

/**
 * An organiser's sign-up: a new account (unproven, so its password does not sign in yet), its
 * organisation and the OWNER membership, and the confirmation e-mail through the outbox, in one
 * transaction. An address that already has an account changes nothing and gets an e-mail saying
 * so: the answer, and roughly its time (the password is hashed either way), is the same, so the
 * form tells nobody which addresses have accounts.
 */
export async function signUpOrganizer(deps: { db: Db }, input: TOrganizerSignUpInput): Promise<{ ok: true }> {
  const requestId = randomUUID();
  const existing = await deps.db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  const passwordHash = await hashPassword(input.password);
  const tellExisting = () =>
    deps.db.$transaction((tx) =>
      writeOutbox(tx, {
        topic: "organizer.signed-up",
        aggregateType: "User",
        aggregateId: input.email,
        payload: { requestId, email: input.email, userId: null, locale: input.locale },
      }),
    );
  if (existing) {
    await tellExisting();
    return { ok: true };
  }
  try {
    await deps.db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email: input.email, name: input.name, passwordHash, locale: input.locale }, select: { id: true } });
      const organization = await tx.organization.create({
        data: {
          name: input.organizationName,
          slug: organizationSlug(input.organizationName),
          country: input.country,
          currency: input.currency,
          invoiceSequence: { create: {} },
        },
        select: { id: true },
      });
      await tx.membership.create({ data: { userId: user.id, organizationId: organization.id, role: "OWNER" } });
      await recordAudit(tx, {
        organizationId: organization.id,
        actor: { kind: "user", userId: user.id, ip: null },
        action: "organization.create",
        targetType: "Organization",
        targetId: organization.id,
        data: { name: input.organizationName, country: input.country, currency: input.currency },
      });
      await writeOutbox(tx, {
        topic: "organizer.signed-up",
        aggregateType: "User",
        aggregateId: user.id,
        payload: { requestId, email: input.email, userId: user.id, locale: input.locale },
      });
    });
  } catch (error) {
    // Two sign-ups with one address at once: the unique index decides, the loser is "existing".
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    await tellExisting();
  }
  return { ok: true };
}
