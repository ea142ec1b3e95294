import { type Db, Prisma } from "@marquee/db";
import { hashPassword } from "@marquee/db/password";
import { z } from "zod";
import { AppError } from "../../errors.ts";
import { DEFAULT_LOCALE, SUPPORTED_LOCALES } from "@marquee/documents/locale";

export const ZSignUpInput = z.object({
  name: z.string().trim().min(1).max(120),
  email: z
    .email()
    .max(320)
    .transform((email) => email.toLowerCase()),
  password: z.string().min(10).max(200),
  locale: z.enum(SUPPORTED_LOCALES).default(DEFAULT_LOCALE),
  marketingOptIn: z.boolean().default(false),
});
export type TSignUpInput = z.infer<typeof ZSignUpInput>;

export const ZSignUpOutput = z.object({ id: z.uuid(), email: z.string(), name: z.string().nullable() });

const emailTaken = () => new AppError("EMAIL_TAKEN", "An account with this e-mail address already exists.");

/**
 * A buyer account with a password, hashed exactly as the credentials sign-in checks it. A taken
 * address is EMAIL_TAKEN and nothing more (no hint of how that account signs in).
 */
export async function signUp(deps: { db: Db }, input: TSignUpInput) {
  // Checked first so a taken address costs no scrypt hash; the unique index settles races.
  if (await deps.db.user.findUnique({ where: { email: input.email }, select: { id: true } })) throw emailTaken();
  const passwordHash = await hashPassword(input.password);
  try {
    return await deps.db.user.create({
      data: { email: input.email, name: input.name, passwordHash, locale: input.locale, marketingOptIn: input.marketingOptIn },
      select: { id: true, email: true, name: true },
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw emailTaken();
    throw error;
  }
}
