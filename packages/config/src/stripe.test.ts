import { describe, expect, it } from "vitest";
import { stripeClientOptions } from "./stripe.ts";

describe("stripeClientOptions", () => {
  it("turns the API URL into the SDK's host, port and protocol", () => {
    expect(stripeClientOptions("http://127.0.0.1:12111")).toEqual({ host: "127.0.0.1", port: 12111, protocol: "http" });
    expect(stripeClientOptions("https://api.stripe.com")).toEqual({ host: "api.stripe.com", port: 443, protocol: "https" });
    expect(stripeClientOptions("http://stripe-local")).toEqual({ host: "stripe-local", port: 80, protocol: "http" });
    expect(stripeClientOptions("http://[::1]:8080/")).toEqual({ host: "::1", port: 8080, protocol: "http" });
  });

  it("refuses anything but http(s)", () => {
    expect(() => stripeClientOptions("ftp://x")).toThrow(/http/);
    expect(() => stripeClientOptions("not a url")).toThrow();
  });
});
