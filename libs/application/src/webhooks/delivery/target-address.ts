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

/** How long a lookup may take, and what ends it sooner (the attempt stopped). */
export interface LookupLimits {
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * Where an attempt may connect; or why not: an address it has is forbidden, it does not resolve (or
 * not within the time given), or the attempt was stopped while it resolved.
 */
export type Target =
  | { kind: 'allowed'; addresses: readonly ResolvedAddress[] }
  | { kind: 'forbidden'; host: string; address: string; reason: string }
  | { kind: 'unresolved'; host: string; reason: string }
  | { kind: 'stopped' };

/** `[::1]` as a URL writes it, `::1` as an address. */
const bareHost = (hostname: string): string => (hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname);

/**
 * The resolver's answer, or 'timeout' or 'stopped' when that comes first. A lookup cannot be called
 * off (node:dns runs it on the thread pool): it is left to finish, its answer unused.
 */
const resolveWithin = (host: string, resolve: Resolver, limits: LookupLimits): Promise<readonly ResolvedAddress[] | 'timeout' | 'stopped'> =>
  new Promise((settle, fail) => {
    const { signal } = limits;
    if (signal?.aborted) return settle('stopped');
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', stopped);
    };
    const stopped = (): void => {
      done();
      settle('stopped');
    };
    const timer = setTimeout(() => {
      done();
      settle('timeout');
    }, limits.timeoutMs);
    signal?.addEventListener('abort', stopped, { once: true });
    resolve(host).then(
      (addresses) => {
        done();
        settle(addresses);
      },
      (error: unknown) => {
        done();
        fail(error);
      },
    );
  });

/**
 * Resolves the host at the moment of the attempt and checks every address it gives (a name that
 * resolved to a public address when the webhook was made may point inside the deployment now). One
 * forbidden address refuses the attempt: which one a connection would use is not ours to choose.
 */
export const checkedTarget = async (hostname: string, resolve: Resolver, allowPrivate: boolean, limits: LookupLimits): Promise<Target> => {
  const host = bareHost(hostname);
  const family = isIP(host);
  let found: readonly ResolvedAddress[] | 'timeout' | 'stopped';
  try {
    found = family !== 0 ? [{ address: host, family }] : await resolveWithin(host, resolve, limits);
  } catch (error) {
    return { kind: 'unresolved', host, reason: `does not resolve: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
  if (found === 'stopped') return { kind: 'stopped' };
  if (found === 'timeout') return { kind: 'unresolved', host, reason: `does not resolve within ${limits.timeoutMs} ms` };
  if (found.length === 0) return { kind: 'unresolved', host, reason: 'does not resolve to any address' };
  if (!allowPrivate) {
    for (const { address } of found) {
      const reason = forbiddenAddressReason(address);
      if (reason !== null) return { kind: 'forbidden', host, address, reason };
    }
  }
  return { kind: 'allowed', addresses: found };
};
