import { BlockList, isIP } from 'node:net';

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
  ['ff00::', 8], // multicast
] as const) forbidden.addSubnet(network, prefix, 'ipv6');

/**
 * The IPv4 address an IPv4-mapped or -compatible IPv6 address stands for, so it meets the IPv4 rules.
 * Both in dotted and in hex form: a URL's parser writes `[::127.0.0.1]` as `[::7f00:1]`.
 */
const embeddedIpv4 = (address: string): string | null => {
  const match = /^::(?:ffff:)?(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (match) return match[1];
  const hex = /^::(?:ffff:)?([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!hex) return null;
  const [high, low] = [parseInt(hex[1], 16), parseInt(hex[2], 16)];
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
};

/** Why a literal IP address may not be a webhook's target; null when it may. */
export const forbiddenAddressReason = (address: string): string | null => {
  const family = isIP(address);
  if (family === 0) return `${address} is not an IP address`;
  const ipv4 = family === 6 ? embeddedIpv4(address) : address;
  const blocked = ipv4 !== null ? forbidden.check(ipv4, 'ipv4') : forbidden.check(address, 'ipv6');
  return blocked ? `${address} is a private, loopback, link-local or reserved address` : null;
};

/** CRM_WEBHOOK_ALLOW_PRIVATE=1 lets webhooks reach private addresses (a receiver inside the deployment, tests). */
export const privateWebhookTargetsAllowed = (env: NodeJS.ProcessEnv = process.env): boolean => env.CRM_WEBHOOK_ALLOW_PRIVATE === '1';
