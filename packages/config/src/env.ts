import { z } from "zod";

/**
 * Thrown when configuration is invalid. Its message is one line naming the variable, so entry
 * points print it and exit instead of showing a stack trace.
 */
export class ConfigError extends Error {
  override name = "ConfigError";
}

export type EnvSource = Record<string, string | undefined>;

export const isProduction = (source: EnvSource = process.env): boolean => source.NODE_ENV === "production";

/**
 * A secret with a development default: the default is used only outside production mode, so a
 * production deployment that forgets it stops at start-up.
 */
export function secret(devDefault: string, source: EnvSource = process.env) {
  const base = z.string().min(16, "must be at least 16 characters");
  return isProduction(source) ? base : base.default(devDefault);
}

/** A URL with one of the given protocols, e.g. urlWith("postgres:", "postgresql:"). */
export function urlWith(...protocols: string[]) {
  return z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(" or ")}` },
  );
}

export const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

/** "1", "true", "yes" -> true; anything else set -> false. */
export const flag = (fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((value) => (value === undefined || value === "" ? fallback : ["1", "true", "yes"].includes(value.toLowerCase())));

/**
 * Validate the variables a package reads. Empty strings count as unset, so `FOO=` falls back to
 * the default. The first problem becomes one ConfigError line: `Invalid configuration: FOO ...`.
 */
export function createEnv<TShape extends z.ZodRawShape>(shape: TShape, source: EnvSource = process.env): z.infer<z.ZodObject<TShape>> {
  const input: Record<string, string | undefined> = {};
  for (const key of Object.keys(shape)) {
    const value = source[key];
    input[key] = value === "" ? undefined : value;
  }
  const parsed = z.object(shape).safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? "environment");
    const reason = input[name] === undefined ? "is required but not set" : issue.message;
    throw new ConfigError(`Invalid configuration: ${name} ${reason}${isProduction(source) && input[name] === undefined ? " (production mode has no default)" : ""}`);
  }
  return parsed.data;
}

/**
 * Run an entry point's main function; a ConfigError (or a connection failure turned into one)
 * prints its single line and exits 1, never a stack trace.
 */
export function exitOnConfigError(error: unknown): never | void {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
}

/** A URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable URL)";
  }
}
