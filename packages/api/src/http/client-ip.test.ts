import { describe, expect, it } from "vitest";
import { clientIp, clientIpBehindNext, parseTrustedProxies } from "./client-ip.ts";

const none = parseTrustedProxies("");
const proxies = parseTrustedProxies("10.0.0.0/8, 127.0.0.1, ::1");

describe("client IP", () => {
  it("is the socket's peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientIp("198.51.100.7", "203.0.113.9", none)).toBe("198.51.100.7");
    expect(clientIp("::ffff:198.51.100.7", null, none)).toBe("198.51.100.7");
  });

  it("walks X-Forwarded-For from the right through trusted proxies only", () => {
    expect(clientIp("127.0.0.1", "203.0.113.9", proxies)).toBe("203.0.113.9");
    // A client-written entry on the left is never reached: the first untrusted hop wins.
    expect(clientIp("10.1.2.3", "6.6.6.6, 203.0.113.9, 10.0.0.5", proxies)).toBe("203.0.113.9");
    // An untrusted peer's header is ignored.
    expect(clientIp("198.51.100.7", "203.0.113.9", proxies)).toBe("198.51.100.7");
    // A trusted proxy with no header is itself the client.
    expect(clientIp("::1", null, proxies)).toBe("::1");
    expect(clientIp("127.0.0.1", "not-an-ip", proxies)).toBeNull();
  });

  it("behind Next takes the rightmost entry as the peer", () => {
    expect(clientIpBehindNext("198.51.100.7", none)).toBe("198.51.100.7");
    expect(clientIpBehindNext("6.6.6.6, 198.51.100.7", none)).toBe("198.51.100.7");
    expect(clientIpBehindNext(null, none)).toBeNull();
  });

  it("refuses malformed proxy lists, naming the entry", () => {
    expect(() => parseTrustedProxies("10.0.0.0/8,proxy.local")).toThrowError(/"proxy.local"/);
  });
});
