import { BlockList, isIP } from "node:net";

/** The reverse proxies whose X-Forwarded-For we believe (TRUSTED_PROXIES: IPs and CIDRs). */
export type TrustedProxies = BlockList;

const normalize = (address: string): string => {
  const trimmed = address.trim().replace(/^\[(.*)\](?::\d+)?$/, "$1");
  // IPv4 clients of a dual-stack socket appear as ::ffff:a.b.c.d.
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(trimmed) ? trimmed.slice(7) : trimmed;
};

const family = (address: string) => (isIP(address) === 6 ? "ipv6" : "ipv4");

/** Parses "10.0.0.0/8, 127.0.0.1, ::1"; a malformed entry throws, naming it. */
export function parseTrustedProxies(value: string): TrustedProxies {
  const list = new BlockList();
  for (const entry of value
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [address = "", bits] = entry.split("/");
    const kind = isIP(address);
    if (!kind || (bits !== undefined && !/^\d+$/.test(bits))) throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR`);
    if (bits === undefined) list.addAddress(address, family(address));
    else list.addSubnet(address, Number(bits), family(address));
  }
  return list;
}

const isTrusted = (proxies: TrustedProxies, address: string) => isIP(address) !== 0 && proxies.check(address, family(address));

/**
 * The client address: the socket's peer, unless the peer is a trusted proxy, in which case the
 * X-Forwarded-For hops are walked from the right, skipping trusted proxies, to the first
 * address no trusted proxy vouches for. Entries a client wrote itself are never reached.
 */
export function clientIp(peer: string | null, forwardedFor: string | null, proxies: TrustedProxies): string | null {
  if (!peer) return null;
  let current = normalize(peer);
  const hops = (forwardedFor ?? "").split(",").map(normalize).filter(Boolean);
  while (isTrusted(proxies, current) && hops.length > 0) current = hops.pop()!;
  return isIP(current) ? current : null;
}

/** The rate-limit key of HTTP requests whose client address cannot be determined: one shared bucket. */
export const UNKNOWN_CLIENT_IP = "unknown";

/**
 * The key a client address is counted under: IPv4 as is, IPv6 per /64 (one subscriber's prefix:
 * a client owns the whole /64 and could otherwise rotate through it), anything else "unknown".
 */
export function rateLimitIpKey(ip: string): string {
  const address = normalize(ip);
  const kind = isIP(address);
  if (kind === 4) return address;
  if (kind !== 6) return UNKNOWN_CLIENT_IP;
  return `${expandIpv6(address).slice(0, 4).join(":")}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, lower-case hex without leading zeros. */
function expandIpv6(address: string): string[] {
  let text = address.replace(/%.*$/, "").toLowerCase();
  // An embedded IPv4 tail (::ffff:1.2.3.4 already became IPv4 in normalize; others keep it).
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right];
  return groups.map((group) => parseInt(group || "0", 16).toString(16));
}

// Set by the apps' server entry (http/next-edge-server.ts) in the process that runs Next: it
// rewrites X-Forwarded-For from the socket, so the rightmost entry is the real peer.
const EDGE = Symbol.for("marquee.next-edge-server");

/** Marks this process as serving Next through the edge server (next-edge-server.ts). */
export function markBehindEdgeServer(): void {
  (globalThis as Record<symbol, unknown>)[EDGE] = true;
}

export const isBehindEdgeServer = (): boolean => (globalThis as Record<symbol, unknown>)[EDGE] === true;

/**
 * The client address inside a Next route handler. Next hides the socket, so the apps are served
 * through the edge server, which overwrites X-Forwarded-For with the socket's address when the
 * peer is not a trusted proxy and appends it when it is: the rightmost entry is then the peer.
 * Without the edge server (a bare `next start` or `next dev`) the header may be the client's own
 * invention, so the address is unknown (null: the shared "unknown" rate-limit bucket).
 */
export function clientIpBehindNext(forwardedFor: string | null, proxies: TrustedProxies): string | null {
  if (!isBehindEdgeServer()) return null;
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  const peer = hops.pop() ?? null;
  return clientIp(peer, hops.join(","), proxies);
}

/**
 * The X-Forwarded-For the edge server hands to Next: the peer alone when it is not a trusted
 * proxy (whatever the client wrote is dropped), the proxy's header plus the peer when it is.
 */
export function forwardedForAtEdge(peer: string | null, forwardedFor: string | null, proxies: TrustedProxies): string {
  const address = peer ? normalize(peer) : "";
  if (!address) return "";
  return isTrusted(proxies, address) && forwardedFor ? `${forwardedFor}, ${address}` : address;
}
