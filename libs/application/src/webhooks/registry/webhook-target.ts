import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { ValidationError } from '@crm/domain';
import { forbiddenAddressReason } from '../address-policy';

/** Longer than any receiver's address needs; a URL is stored and shown as given (normalised). */
export const MAX_WEBHOOK_URL_LENGTH = 2048;

/** The addresses a host name has; an empty list when it does not resolve (now). */
export type HostResolver = (host: string) => Promise<string[]>;

/** How long creating a webhook waits for its host name to resolve before taking it as not resolving. */
const LOOKUP_TIMEOUT_MS = 3_000;

/**
 * The system resolver (hosts file, then DNS), as the deliverer's connection resolves it. A name that
 * does not resolve, or not in time, gives no addresses: a receiver whose DNS is not set up yet may
 * still be registered, and every delivery checks the addresses again anyway.
 */
export const resolveWithinTimeout: HostResolver = async (host) => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string[]>((resolve) => {
    timer = setTimeout(() => resolve([]), LOOKUP_TIMEOUT_MS);
    timer.unref();
  });
  const addresses = lookup(host, { all: true }).then((found) => found.map((entry) => entry.address), () => []);
  try {
    return await Promise.race([addresses, timeout]);
  } finally {
    clearTimeout(timer);
  }
};

export interface WebhookTargetRules {
  /** CRM_WEBHOOK_ALLOW_PRIVATE=1: private, loopback and link-local targets allowed (a receiver inside the deployment, tests). */
  allowPrivate: boolean;
  resolve?: HostResolver;
}

const refuse = (message: string): ValidationError => ValidationError.field('url', message);

/** The URL's form: absolute http(s), no credentials, no fragment. */
const parseForm = (raw: string): URL => {
  if (raw.length > MAX_WEBHOOK_URL_LENGTH) throw refuse(`must be at most ${MAX_WEBHOOK_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse('is not an absolute URL such as https://hooks.example.com/crm');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refuse(`must use http or https, not ${url.protocol.slice(0, -1)}`);
  if (url.username !== '' || url.password !== '') throw refuse('must not carry a user name or password: authenticate deliveries by their signature');
  // `#` alone leaves `hash` empty: the raw text tells.
  if (raw.includes('#')) throw refuse('must not have a fragment (#...): it is never sent to the receiver');
  return url;
};

/**
 * Why the host may not be a target, or null: a literal address is checked as it is, a name by every
 * address it resolves to now (one forbidden address is enough: a resolver may answer with any of them).
 */
const hostProblem = async (url: URL, resolve: HostResolver): Promise<string | null> => {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  if (isIP(host) !== 0) return forbiddenAddressReason(host);
  for (const address of await resolve(host)) {
    const reason = forbiddenAddressReason(address);
    if (reason !== null) return `${host} resolves to ${address}; ${reason}`;
  }
  return null;
};

/**
 * The URL a webhook may be created with, normalised (`HTTP://Example.com:80/a` is
 * `http://example.com/a`), or a ValidationError on `url` saying why not. Server-side request forgery
 * is the risk: a webhook would make this server POST to wherever the URL points, the cloud's metadata
 * service and the deployment's own admin ports included.
 */
export const checkWebhookUrl = async (raw: string, rules: WebhookTargetRules): Promise<string> => {
  const url = parseForm(raw);
  if (!rules.allowPrivate) {
    const problem = await hostProblem(url, rules.resolve ?? resolveWithinTimeout);
    if (problem !== null) throw refuse(`${problem}: webhooks may not target the deployment's own networks (CRM_WEBHOOK_ALLOW_PRIVATE=1 allows it)`);
  }
  return url.href;
};
