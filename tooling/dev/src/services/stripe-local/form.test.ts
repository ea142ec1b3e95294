import { describe, expect, it } from "vitest";
import { decodeForm, FormDecodeError } from "./form.ts";

describe("decodeForm", () => {
  it("decodes Stripe's bracket notation into nested objects and arrays", () => {
    const body =
      "amount=2000&currency=eur&metadata[orderId]=ord_1&metadata[note]=a%20b%26c&expand[0]=latest_charge&expand[1]=customer&payment_method_types[]=card&shipping[address][line1]=1%20Main";
    expect(decodeForm(body)).toEqual({
      amount: "2000",
      currency: "eur",
      metadata: { orderId: "ord_1", note: "a b&c" },
      expand: ["latest_charge", "customer"],
      payment_method_types: ["card"],
      shipping: { address: { line1: "1 Main" } },
    });
  });

  it("orders indexed arrays by index and appends empty brackets", () => {
    expect(decodeForm("expand[1]=b&expand[0]=a")).toEqual({ expand: ["a", "b"] });
    expect(decodeForm("expand[]=a&expand[]=b")).toEqual({ expand: ["a", "b"] });
  });

  it("rejects malformed or conflicting names", () => {
    expect(() => decodeForm("metadata[a=1")).toThrow(FormDecodeError);
    expect(() => decodeForm("metadata=x&metadata[a]=1")).toThrow(FormDecodeError);
    expect(() => decodeForm("metadata[a]=1&metadata=x")).toThrow(FormDecodeError);
  });
});
