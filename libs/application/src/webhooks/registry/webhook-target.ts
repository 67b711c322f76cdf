import { ValidationError } from '@crm/domain';
import { checkedTarget, systemResolver, type Resolver } from '../delivery/target-address';

/** Longer than any receiver's address needs; a URL is stored and shown as given (normalised). */
export const MAX_WEBHOOK_URL_LENGTH = 2048;

/** How long creating a webhook waits for its host name to resolve before taking it as not resolving. */
const LOOKUP_TIMEOUT_MS = 3_000;

export interface WebhookTargetRules {
  /** CRM_WEBHOOK_ALLOW_PRIVATE=1: private, loopback and link-local targets allowed (a receiver inside the deployment, tests). */
  allowPrivate: boolean;
  /** How host names are resolved (default: the system resolver, as the deliverer's connections resolve them). */
  resolve?: Resolver;
  /** How long a lookup may take before the name counts as not resolving (default 3 s). */
  lookupTimeoutMs?: number;
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
 * Why the host may not be a target, or null: checked as every delivery checks it (`checkedTarget`),
 * a literal address as it is, a name by every address it resolves to now. A name that does not
 * resolve, or not in time, is no problem yet: a receiver's DNS may not be set up, and every delivery
 * resolves and checks it again.
 */
const hostProblem = async (url: URL, rules: WebhookTargetRules): Promise<string | null> => {
  const target = await checkedTarget(url.hostname, rules.resolve ?? systemResolver, false, { timeoutMs: rules.lookupTimeoutMs ?? LOOKUP_TIMEOUT_MS });
  if (target.kind !== 'forbidden') return null;
  return target.address === target.host ? target.reason : `${target.host} resolves to ${target.address}; ${target.reason}`;
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
    const problem = await hostProblem(url, rules);
    if (problem !== null) throw refuse(`${problem}: webhooks may not target the deployment's own networks (CRM_WEBHOOK_ALLOW_PRIVATE=1 allows it)`);
  }
  return url.href;
};
