import { lookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";
import { AppError } from "../../errors.ts";

// SSRF guard for webhook URLs: every address the host resolves to must be public unicast. The
// check runs when an endpoint is saved and again before each send, and the send connects to the
// address checked here (see post-webhook.ts), so a DNS answer that changes in between (rebinding)
// cannot point a delivery at the internal network.

export interface TUrlPolicy {
  /** WEBHOOK_ALLOW_PRIVATE_NETWORKS: any address, and http:// too. */
  allowPrivateNetworks: boolean;
}

export interface TCheckedUrl {
  url: URL;
  /** The address to connect to (the first the host resolved to) and its family. */
  address: string;
  family: 4 | 6;
}

/**
 * Only ipaddr.js's "unicast" range is public: loopback, private, link-local, unique-local, CGNAT,
 * multicast, unspecified, broadcast, reserved and the IPv6 ranges that embed an IPv4 address
 * (6to4, Teredo, NAT64) are all refused; an IPv4-mapped IPv6 address is judged as its IPv4.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === "unicast";
}

const forbidden = (message: string) => new AppError("WEBHOOK_URL_FORBIDDEN", message);

/** The URL's form: https (http only where private networks are allowed), no credentials, a host. */
export function parseWebhookUrl(raw: string, policy: TUrlPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw forbidden("The webhook URL is not a valid URL.");
  }
  const protocols = policy.allowPrivateNetworks ? ["https:", "http:"] : ["https:"];
  if (!protocols.includes(url.protocol)) throw forbidden("The webhook URL must use https://.");
  if (url.username || url.password) throw forbidden("The webhook URL must not carry a user name or password.");
  if (!url.hostname) throw forbidden("The webhook URL needs a host.");
  return url;
}

/** Resolves the URL's host and checks every address; throws WEBHOOK_URL_FORBIDDEN otherwise. */
export async function checkWebhookUrl(raw: string, policy: TUrlPolicy): Promise<TCheckedUrl> {
  const url = parseWebhookUrl(raw, policy);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: { address: string; family: number }[];
  if (ipaddr.isValid(host)) {
    addresses = [{ address: host, family: ipaddr.parse(host).kind() === "ipv6" ? 6 : 4 }];
  } else {
    try {
      addresses = await lookup(host, { all: true, verbatim: true });
    } catch {
      throw forbidden(`The webhook URL's host ${host} does not resolve.`);
    }
  }
  if (addresses.length === 0) throw forbidden(`The webhook URL's host ${host} does not resolve.`);
  if (!policy.allowPrivateNetworks && addresses.some((entry) => !isPublicAddress(entry.address)))
    throw forbidden("The webhook URL points at a private, loopback, link-local or reserved address.");
  const first = addresses[0]!;
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}
