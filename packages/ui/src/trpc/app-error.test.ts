import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { appErrorOf } from "./app-error.ts";

const clientError = (data: unknown) => TRPCClientError.from({ error: { message: "Refused", code: -32600, data } });

describe("appErrorOf", () => {
  it("reads the AppError code, tRPC code, details and field issues of an API answer", () => {
    const error = clientError({
      code: "BAD_REQUEST",
      httpStatus: 400,
      appCode: "VALIDATION_ERROR",
      issues: [{ path: "buyer.email", message: "Invalid email" }],
      details: { limit: 4 },
    });
    expect(appErrorOf(error)).toEqual({
      code: "VALIDATION_ERROR",
      trpcCode: "BAD_REQUEST",
      details: { limit: 4 },
      issues: [{ path: "buyer.email", message: "Invalid email" }],
    });
  });

  it("answers unknown for network failures, plain errors and junk", () => {
    const unknown = { code: null, trpcCode: null, details: undefined, issues: [] };
    for (const error of [new TypeError("Failed to fetch"), null, undefined, "text", { data: null }, { data: { appCode: 7, details: "x", issues: "y" } }]) {
      expect(appErrorOf(error)).toEqual(unknown);
    }
  });
});
