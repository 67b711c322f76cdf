import { BlockList, isIP } from 'node:net';
import { ipv4OfGroups, ipv6Groups } from './ipv6-address';

/**
 * Addresses a webhook may not reach unless CRM_WEBHOOK_ALLOW_PRIVATE=1: anything inside the
 * deployment's own networks (server-side request forgery: cloud metadata at 169.254.169.254, admin
 * ports on loopback, the private LAN) and addresses that are not one host on the internet.
 */
const forbidden = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) forbidden.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated, still routed inside some networks)
  ['ff00::', 8], // multicast
] as const) forbidden.addSubnet(network, prefix, 'ipv6');

const zeros = (groups: readonly number[], from: number, to: number): boolean => groups.slice(from, to).every((group) => group === 0);

/**
 * The IPv4 host an IPv6 address reaches, for the forms that carry one, so it meets the IPv4 rules:
 * IPv4-mapped `::ffff:0:0/96` and -compatible `::/96` (a URL's parser writes `[::127.0.0.1]` as
 * `[::7f00:1]`), IPv4-translated `::ffff:0:0:0/96`, the NAT64 well-known prefix `64:ff9b::/96` (a
 * NAT64 gateway in the deployment forwards to that IPv4 address) and 6to4 `2002::/16` (bits 16 to 47).
 */
const embeddedIpv4 = (groups: readonly number[]): string | null => {
  const last = ipv4OfGroups(groups[6], groups[7]);
  if (zeros(groups, 0, 5) && (groups[5] === 0xffff || groups[5] === 0)) return last;
  if (zeros(groups, 0, 4) && groups[4] === 0xffff && groups[5] === 0) return last;
  if (groups[0] === 0x64 && groups[1] === 0xff9b && zeros(groups, 2, 6)) return last;
  if (groups[0] === 0x2002) return ipv4OfGroups(groups[1], groups[2]);
  return null;
};

const isForbidden = (address: string): boolean => {
  const groups = ipv6Groups(address);
  if (groups === null) return forbidden.check(address, 'ipv4');
  const ipv4 = embeddedIpv4(groups);
  if (ipv4 !== null && forbidden.check(ipv4, 'ipv4')) return true;
  // The groups written out in full: the same address as the text, without its zone.
  return forbidden.check(groups.map((group) => group.toString(16)).join(':'), 'ipv6');
};

/** Why a literal IP address may not be a webhook's target; null when it may. */
export const forbiddenAddressReason = (address: string): string | null => {
  if (isIP(address) === 0) return `${address} is not an IP address`;
  return isForbidden(address) ? `${address} is a private, loopback, link-local or reserved address` : null;
};

/** CRM_WEBHOOK_ALLOW_PRIVATE=1 lets webhooks reach private addresses (a receiver inside the deployment, tests). */
export const privateWebhookTargetsAllowed = (env: NodeJS.ProcessEnv = process.env): boolean => env.CRM_WEBHOOK_ALLOW_PRIVATE === '1';
