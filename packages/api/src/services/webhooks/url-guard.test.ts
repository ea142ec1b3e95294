import { describe, expect, it } from "vitest";
import { checkWebhookUrl, isPublicAddress } from "./url-guard.ts";

// The SSRF guard on real DNS (localhost) and address literals; production mode is the flag off.

const production = { allowPrivateNetworks: false };

describe("webhook URL guard", () => {
  it.each([
    "https://127.0.0.1/hook",
    "https://10.1.2.3/hook",
    "https://172.16.0.5/hook",
    "https://192.168.1.1/hook",
    "https://169.254.169.254/latest/meta-data",
    "https://100.64.0.1/hook",
    "https://0.0.0.0/hook",
    "https://[::1]/hook",
    "https://[fd00::1]/hook",
    "https://[fe80::1]/hook",
    "https://[::ffff:127.0.0.1]/hook",
    "https://[::ffff:a9fe:a9fe]/hook",
    "https://localhost/hook",
    "https://224.0.0.1/hook",
    "http://93.184.215.14/hook",
    "https://user:pass@93.184.215.14/hook",
    "ftp://93.184.215.14/hook",
    "not a url",
  ])("refuses %s with WEBHOOK_URL_FORBIDDEN when private networks are not allowed", async (url) => {
    await expect(checkWebhookUrl(url, production)).rejects.toMatchObject({ code: "WEBHOOK_URL_FORBIDDEN" });
  });

  it("accepts a public https address and pins it", async () => {
    await expect(checkWebhookUrl("https://93.184.215.14/hook", production)).resolves.toMatchObject({ address: "93.184.215.14", family: 4 });
    await expect(checkWebhookUrl("https://[2606:4700::1111]/hook", production)).resolves.toMatchObject({ address: "2606:4700::1111", family: 6 });
  });

  it("allows loopback and http:// with WEBHOOK_ALLOW_PRIVATE_NETWORKS", async () => {
    await expect(checkWebhookUrl("http://127.0.0.1:4000/hook", { allowPrivateNetworks: true })).resolves.toMatchObject({ address: "127.0.0.1" });
  });

  it("judges IPv4-mapped IPv6 as its IPv4", () => {
    expect(isPublicAddress("::ffff:10.0.0.1")).toBe(false);
    expect(isPublicAddress("::ffff:93.184.215.14")).toBe(true);
    expect(isPublicAddress("64:ff9b::7f00:1")).toBe(false);
  });
});
