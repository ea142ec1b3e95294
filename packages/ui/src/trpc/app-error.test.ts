import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { appErrorOf, refusedOriginMessage } from "./app-error.ts";

const clientError = (data: unknown, message = "Refused") => TRPCClientError.from({ error: { message, code: -32600, data } });

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

describe("refusedOriginMessage", () => {
  it("answers the API's sentence for a refused origin, and null for anything else", () => {
    const sentence = "Requests from http://127.0.0.1:3000 are not accepted here; open the site at http://localhost:3000.";
    expect(refusedOriginMessage(clientError({ code: "FORBIDDEN", httpStatus: 403, appCode: "CSRF_REJECTED" }, sentence))).toBe(sentence);
    expect(refusedOriginMessage(clientError({ code: "FORBIDDEN", httpStatus: 403, appCode: "FORBIDDEN" }))).toBeNull();
    expect(refusedOriginMessage(new TypeError("Failed to fetch"))).toBeNull();
  });
});
