import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./safe-callback-url.ts";

describe("safeCallbackUrl", () => {
  it("keeps same-site paths with their query", () => {
    expect(safeCallbackUrl("/")).toBe("/");
    expect(safeCallbackUrl("/?org=abc")).toBe("/?org=abc");
    expect(safeCallbackUrl("/events/hamlet#seats")).toBe("/events/hamlet#seats");
  });

  it("refuses other sites, protocol-relative and backslash tricks", () => {
    for (const url of ["https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)", "evil.example/path"]) {
      expect(safeCallbackUrl(url)).toBe("/");
    }
  });

  it("falls back when there is none, and takes the first of repeated parameters", () => {
    expect(safeCallbackUrl(undefined)).toBe("/");
    expect(safeCallbackUrl("")).toBe("/");
    expect(safeCallbackUrl([])).toBe("/");
    expect(safeCallbackUrl(["/first", "https://evil.example"])).toBe("/first");
    expect(safeCallbackUrl(["https://evil.example", "/second"])).toBe("/");
    expect(safeCallbackUrl(undefined, "/account")).toBe("/account");
  });
});
