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
  for (const entry of value.split(",").map((part) => part.trim()).filter(Boolean)) {
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

/**
 * Behind `next start` the socket is out of reach: Next sets X-Forwarded-For to the socket address
 * only when the request has none. So the rightmost entry stands in for the peer. This is sound
 * behind a proxy that appends to X-Forwarded-For; a Next server exposed directly lets clients
 * choose their own address (see packages/api/src/rest/README.md).
 */
export function clientIpBehindNext(forwardedFor: string | null, proxies: TrustedProxies): string | null {
  const hops = (forwardedFor ?? "").split(",").map((hop) => hop.trim()).filter(Boolean);
  const peer = hops.pop() ?? null;
  return clientIp(peer, hops.join(","), proxies);
}
