import { describe, expect, it } from "vitest";
import { signMarqueePayload, verifyMarqueeSignature } from "./signature.ts";

describe("Marquee-Signature", () => {
  const body = JSON.stringify({ id: "d", type: "order.paid", created: 1, data: {} });
  const t = 1_800_000_000;

  it("verifies t=<unix>,v1=<hex HMAC of '<t>.<body>'> within the tolerance, with any of several v1", () => {
    const header = signMarqueePayload(body, ["whsec_new", "whsec_old"], t);
    expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
    expect(verifyMarqueeSignature(body, header, "whsec_new", { now: t })).toBe(true);
    expect(verifyMarqueeSignature(body, header, "whsec_old", { now: t + 300 })).toBe(true);
    expect(verifyMarqueeSignature(body, header, "whsec_old", { now: t - 301 })).toBe(false);
    expect(verifyMarqueeSignature(body, header, "whsec_other", { now: t })).toBe(false);
    expect(verifyMarqueeSignature(`${body} `, header, "whsec_new", { now: t })).toBe(false);
  });

  it("refuses headers without a timestamp or signature, or malformed", () => {
    const v1 = signMarqueePayload(body, ["s"], t).split(",")[1]!;
    for (const header of [undefined, "", v1, `t=${t}`, `t=abc,${v1}`, `t=${t},v1=zz`, `t=${t + 1},${v1}`])
      expect(verifyMarqueeSignature(body, header, "s", { now: t })).toBe(false);
  });
});
