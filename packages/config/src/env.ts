import { z } from "zod";

/**
 * Thrown when configuration is invalid. Its message is one line naming the variable, so entry
 * points print it and exit instead of showing a stack trace.
 */
export class ConfigError extends Error {
  override name = "ConfigError";
}

export type EnvSource = Record<string, string | undefined>;

/**
 * Development defaults (the secrets' above all) apply only when NODE_ENV is `development` or
 * `test`. Anything else, unset included, is production for this rule: a deployment that forgets
 * a secret stops at start-up instead of running with a value everyone can read in the repository.
 */
export const allowsDevDefaults = (source: EnvSource = process.env): boolean => source.NODE_ENV === "development" || source.NODE_ENV === "test";

/** Production for the secrets rule: NODE_ENV neither `development` nor `test` (unset included). */
export const isProduction = (source: EnvSource = process.env): boolean => !allowsDevDefaults(source);

/** `schema` with `devDefault` as its default in development and tests only (see allowsDevDefaults). */
export function devOnlyDefault<TSchema extends z.ZodType>(schema: TSchema, devDefault: z.output<TSchema>, source: EnvSource = process.env) {
  return allowsDevDefaults(source) ? schema.default(devDefault as never) : schema;
}

/** A secret of at least 16 characters whose development default never applies in production. */
export function secret(devDefault: string, source: EnvSource = process.env) {
  return devOnlyDefault(z.string().min(16, "must be at least 16 characters"), devDefault, source);
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

/**
 * REDIS_CLUSTER_NODES: comma-separated seed nodes of a Redis Cluster (`redis://host:port,...`);
 * unset, REDIS_URL names one server. Parsed to the list of node URLs.
 */
export const redisClusterNodes = () =>
  z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((node) => node.trim())
        .filter((node) => node.length > 0),
    )
    .refine((nodes) => nodes.every((node) => urlWith("redis:", "rediss:").safeParse(node).success), {
      message: "must be comma-separated redis:// or rediss:// URLs, e.g. redis://10.0.0.1:6379,redis://10.0.0.2:6379",
    });

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
    // Unset and without a default (a refinement of a defaulted value says what it needs itself).
    const missing = input[name] === undefined && issue.code === "invalid_type";
    const reason = missing ? "is required but not set" : issue.message;
    const noDefault = missing && isProduction(source) ? " (no default unless NODE_ENV is development or test)" : "";
    throw new ConfigError(`Invalid configuration: ${name} ${reason}${noDefault}`);
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
