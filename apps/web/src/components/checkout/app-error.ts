// The API's machine-readable error (AppError code and details) from whatever a tRPC call threw.

export interface TAppErrorInfo {
  /** SOLD_OUT, HOLD_EXPIRED, NOT_FOUND, ...; null for network failures and unknown errors. */
  code: string | null;
  details: Record<string, unknown> | undefined;
}

export function appErrorOf(error: unknown): TAppErrorInfo {
  const data = (error as { data?: { appCode?: unknown; details?: unknown } } | null)?.data;
  return {
    code: typeof data?.appCode === "string" ? data.appCode : null,
    details: data?.details && typeof data.details === "object" ? (data.details as Record<string, unknown>) : undefined,
  };
}
