import { describe, expect, it } from "vitest";
import { DEFAULT_NO_ACCESS_MESSAGE, signInErrorMessage } from "./sign-in-errors.ts";

describe("signInErrorMessage", () => {
  it("explains wrong credentials without saying which part was wrong", () => {
    expect(signInErrorMessage("CredentialsSignin")).toBe("That e-mail address and password do not match an account. Check both and try again.");
  });

  it("tells rate-limited people how long to wait", () => {
    expect(signInErrorMessage("RATE_LIMITED")).toContain("wait 15 minutes");
  });

  it("asks to sign in when a page required a session", () => {
    expect(signInErrorMessage("SessionRequired")).toBe("Please sign in to continue.");
  });

  it("uses the app's own NO_ACCESS text, or a generic one", () => {
    expect(signInErrorMessage("NO_ACCESS", "Door staff only.")).toBe("Door staff only.");
    expect(signInErrorMessage("NO_ACCESS")).toBe(DEFAULT_NO_ACCESS_MESSAGE);
  });

  it("falls back for unknown codes, including Object.prototype's names from the URL", () => {
    for (const code of ["unknown", "", "constructor", "toString", "__proto__"]) {
      expect(signInErrorMessage(code)).toBe("Signing in failed. Please try again.");
    }
  });

  it("does not hand the app's NO_ACCESS text to other codes", () => {
    expect(signInErrorMessage("CredentialsSignin", "Door staff only.")).not.toBe("Door staff only.");
  });
});
