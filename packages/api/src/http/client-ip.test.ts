import { describe, expect, it } from "vitest";
import { clientIp, clientIpBehindNext, forwardedForAtEdge, markBehindEdgeServer, parseTrustedProxies, rateLimitIpKey } from "./client-ip.ts";

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

  it("behind Next is unknown without the edge server, and the rightmost entry (the edge's) with it", () => {
    // A bare `next start`: whatever the client wrote is not believed.
    expect(clientIpBehindNext("198.51.100.7", none)).toBeNull();
    markBehindEdgeServer();
    expect(clientIpBehindNext("198.51.100.7", none)).toBe("198.51.100.7");
    expect(clientIpBehindNext("6.6.6.6, 198.51.100.7", none)).toBe("198.51.100.7");
    expect(clientIpBehindNext(null, none)).toBeNull();
  });

  it("the edge server overwrites X-Forwarded-For for untrusted peers and appends trusted ones", () => {
    expect(forwardedForAtEdge("198.51.100.7", "6.6.6.6", none)).toBe("198.51.100.7");
    expect(forwardedForAtEdge("::ffff:127.0.0.1", "203.0.113.9", proxies)).toBe("203.0.113.9, 127.0.0.1");
    expect(forwardedForAtEdge("127.0.0.1", null, proxies)).toBe("127.0.0.1");
  });

  it("counts IPv6 per /64 and anything unparsable as one unknown client", () => {
    expect(rateLimitIpKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(rateLimitIpKey("2001:0db8:0001:0002:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(rateLimitIpKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(rateLimitIpKey("::1")).toBe("0:0:0:0::/64");
    expect(rateLimitIpKey("::ffff:198.51.100.7")).toBe("198.51.100.7");
    expect(rateLimitIpKey("198.51.100.7")).toBe("198.51.100.7");
    expect(rateLimitIpKey("unknown")).toBe("unknown");
  });

  it("refuses malformed proxy lists, naming the entry", () => {
    expect(() => parseTrustedProxies("10.0.0.0/8,proxy.local")).toThrowError(/"proxy.local"/);
  });
});
