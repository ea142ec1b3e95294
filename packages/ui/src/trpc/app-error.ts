// The API's machine-readable error from whatever a tRPC call threw: the AppError code, its details
// and zod's field issues (packages/api/src/trpc.ts's errorFormatter puts them under `data`).
// Structural, so it reads a TRPCClientError without importing it and answers "unknown" for a
// network failure or anything else.

export interface TAppErrorIssue {
  /** The input field, dotted ("buyer.email"). */
  path: string;
  message: string;
}

export interface TAppErrorInfo {
  /** SOLD_OUT, HOLD_EXPIRED, NOT_FOUND, ...; null for network failures and unknown errors. */
  code: string | null;
  /** tRPC's own code (NOT_FOUND, BAD_REQUEST, ...); null when the answer did not come from the API. */
  trpcCode: string | null;
  details: Record<string, unknown> | undefined;
  /** VALIDATION_ERROR's field issues, in the order zod reported them; empty otherwise. */
  issues: TAppErrorIssue[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

const issuesOf = (value: unknown): TAppErrorIssue[] =>
  Array.isArray(value) ? value.filter(isRecord).map((issue) => ({ path: String(issue.path ?? ""), message: String(issue.message ?? "") })) : [];

export function appErrorOf(error: unknown): TAppErrorInfo {
  const data = isRecord(error) && isRecord(error.data) ? error.data : undefined;
  return {
    code: typeof data?.appCode === "string" ? data.appCode : null,
    trpcCode: typeof data?.code === "string" ? data.code : null,
    details: isRecord(data?.details) ? data.details : undefined,
    issues: issuesOf(data?.issues),
  };
}

/**
 * The API's own sentence when it refused the request's origin (CSRF_REJECTED: "Requests from
 * http://127.0.0.1:3000 are not accepted here; open the site at http://localhost:3000."), which
 * tells the visitor what to do where a generic "Something went wrong" would not; null otherwise.
 */
export function refusedOriginMessage(error: unknown): string | null {
  if (appErrorOf(error).code !== "CSRF_REJECTED" || !isRecord(error)) return null;
  return typeof error.message === "string" && error.message !== "" ? error.message : null;
}
