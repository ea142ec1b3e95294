import { describe, expect, it } from "vitest";
import { passwordResetEmail } from "./password-reset.ts";

const resetUrl = "https://tickets.example/signin/reset#token=AbC_-123";

describe("passwordResetEmail", () => {
  it("carries the link and its validity in both parts, in the account's language", () => {
    const en = passwordResetEmail({ locale: "en", name: "Ada", resetUrl, minutes: 30 });
    expect(en.subject).toBe("Reset your Marquee password");
    for (const part of [en.text, en.html]) {
      expect(part).toContain(resetUrl);
      expect(part).toContain("30 minutes");
    }
    const de = passwordResetEmail({ locale: "de", resetUrl, minutes: 30 });
    expect(de.subject).toBe("Setzen Sie Ihr Marquee-Passwort zurück");
    expect(de.text).toContain("30 Minuten");
    expect(de.text).toContain(resetUrl);
  });

  it("escapes the name in the HTML part", () => {
    const email = passwordResetEmail({ locale: "en", name: "<b>Eve</b>", resetUrl, minutes: 30 });
    expect(email.html).not.toContain("<b>Eve</b>");
    expect(email.html).toContain("&lt;b&gt;Eve&lt;/b&gt;");
  });
});
