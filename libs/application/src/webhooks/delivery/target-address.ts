import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { forbiddenAddressReason } from '../address-policy';

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Every address a host name stands for now (node:dns `lookup`, all of them, as the system resolves them). */
export type Resolver = (hostname: string) => Promise<readonly ResolvedAddress[]>;

export const systemResolver: Resolver = (hostname) => lookup(hostname, { all: true });

/** Where an attempt may connect, or why it may not. */
export type Target = { addresses: readonly ResolvedAddress[] } | { refused: string };

/** `[::1]` as a URL writes it, `::1` as an address. */
const bareHost = (hostname: string): string => (hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname);

/**
 * Resolves the host at the moment of the attempt and checks every address it gives (a name that
 * resolved to a public address when the webhook was made may point inside the deployment now). One
 * forbidden address refuses the attempt: which one a connection would use is not ours to choose.
 */
export const checkedTarget = async (hostname: string, resolve: Resolver, allowPrivate: boolean): Promise<Target> => {
  const host = bareHost(hostname);
  const family = isIP(host);
  let addresses: readonly ResolvedAddress[];
  try {
    addresses = family !== 0 ? [{ address: host, family }] : await resolve(host);
  } catch (error) {
    return { refused: `${host} does not resolve: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
  if (addresses.length === 0) return { refused: `${host} does not resolve to any address` };
  if (!allowPrivate) {
    for (const { address } of addresses) {
      const reason = forbiddenAddressReason(address);
      if (reason !== null) return { refused: `refused ${host}: ${reason}` };
    }
  }
  return { addresses };
};
