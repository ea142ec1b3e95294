import { TRPCError } from "@trpc/server";
import { AppError, appCodeOf } from "../errors.ts";

/** The REST error body: `{ "error": { "code", "message", ...details } }`. */
export interface RestErrorBody {
  error: { code: string; message: string; issues?: { path: string; message: string }[]; details?: Record<string, unknown> };
}

export interface RestErrorResponse {
  status: number;
  headers: Record<string, string>;
  body: RestErrorBody;
}

interface Issue {
  path: PropertyKey[];
  message: string;
}

const issuesOf = (cause: unknown) => {
  const issues = (cause as { issues?: Issue[] } | undefined)?.issues;
  return Array.isArray(issues) ? issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message })) : undefined;
};

/** Seconds a client should wait, from an AppError's details (rate limits, in-progress writes). */
export function retryAfterOf(error: unknown): number | undefined {
  const cause = error instanceof TRPCError ? error.cause : error;
  const seconds = cause instanceof AppError ? cause.details?.retryAfterSeconds : undefined;
  return typeof seconds === "number" ? Math.max(1, Math.ceil(seconds)) : undefined;
}

/** Any error a REST call ends in, as the status and body a client sees; internals never leak. */
export function restError(error: unknown): RestErrorResponse {
  const trpcError =
    error instanceof TRPCError ? error : error instanceof AppError ? error.toTRPCError() : new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: error });
  const appError = trpcError.cause instanceof AppError ? trpcError.cause : undefined;
  const status = appError?.status ?? statusOf(trpcError);
  const appCode = appCodeOf(trpcError);
  // tRPC codes without an app code (e.g. METHOD_NOT_SUPPORTED) keep their own name on a 4xx.
  const code: string = appCode === "INTERNAL" && status < 500 ? trpcError.code : appCode;
  const issues = code === "VALIDATION_ERROR" ? issuesOf(trpcError.cause) : undefined;
  const message = code === "INTERNAL" ? "Something went wrong on our side." : issues ? "The request is not valid." : trpcError.message;
  const headers: Record<string, string> = {};
  const retryAfter = retryAfterOf(trpcError);
  if (retryAfter !== undefined) headers["retry-after"] = String(retryAfter);
  const details = appError?.details;
  return { status, headers, body: { error: { code, message, ...(issues ? { issues } : {}), ...(details ? { details } : {}) } } };
}

const STATUS: Partial<Record<TRPCError["code"], number>> = {
  BAD_REQUEST: 400,
  PARSE_ERROR: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  METHOD_NOT_SUPPORTED: 405,
  PAYLOAD_TOO_LARGE: 413,
  UNPROCESSABLE_CONTENT: 422,
  TOO_MANY_REQUESTS: 429,
};
const statusOf = (error: TRPCError) => STATUS[error.code] ?? 500;
