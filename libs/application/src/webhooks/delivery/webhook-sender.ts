import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { signWebhook } from '../webhook-secret';
import { performance } from 'node:perf_hooks';
import { checkedTarget, type ResolvedAddress, type Resolver, type Target } from './target-address';

/** One attempt's outcome: a 2xx delivers; anything else is a failed attempt, with why. */
export interface AttemptResult {
  delivered: boolean;
  /** The response's status, when one came. */
  status: number | null;
  /** Why it failed: the status and the start of the response, a timeout, a refused address, a connection error. */
  error: string | null;
}

export interface OutgoingWebhook {
  url: string;
  /** `webhook-id`: the delivery's id, the same on every attempt. */
  id: string;
  body: string;
  secret: string;
}

export interface SenderOptions {
  /** The whole attempt: resolving the host, connecting, and the response. */
  timeoutMs: number;
  allowPrivate: boolean;
  resolve: Resolver;
  /** Milliseconds since the epoch: the attempt's `webhook-timestamp`. */
  now: () => number;
  /** Ends the attempt at once (the deliverer stopped or lost its lease). */
  signal?: AbortSignal;
}

/** Enough of a failing response to say why in the delivery log; the rest is not read. */
const RESPONSE_BYTES_KEPT = 4 * 1024;
const ERROR_CHARS_KEPT = 300;

const failed = (status: number | null, error: string): AttemptResult => ({ delivered: false, status, error });

/** Connects to the addresses checked for this attempt, never to what a second lookup would say. */
const pinnedLookup = (addresses: readonly ResolvedAddress[]): LookupFunction =>
  ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, addresses.map(({ address, family }) => ({ address, family })));
    else callback(null, addresses[0].address, addresses[0].family);
  }) as LookupFunction;

/** Why the attempt may not connect, as the delivery log says it. */
const refusal = (target: Exclude<Target, { kind: 'allowed' }>): string => {
  switch (target.kind) {
    case 'forbidden':
      return `refused ${target.host}: ${target.reason}`;
    case 'unresolved':
      return `${target.host} ${target.reason}`;
    case 'stopped':
      return 'stopped';
  }
};

const printable = (text: string): string => text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim().slice(0, ERROR_CHARS_KEPT);

const statusError = (response: IncomingMessage, body: string): string => {
  const status = response.statusCode ?? 0;
  if (status >= 300 && status < 400) return `HTTP ${status}: redirect to ${printable(String(response.headers.location ?? 'nowhere'))} not followed`;
  const excerpt = printable(body);
  return excerpt === '' ? `HTTP ${status}` : `HTTP ${status}: ${excerpt}`;
};

/**
 * One POST, signed per Standard Webhooks with a timestamp of this attempt. The host is resolved and
 * checked now and the connection made to the checked address; the Host header and the TLS server
 * name stay the URL's. A fresh connection per attempt (no pooled socket reaches an address that was
 * not checked for it). Never throws: every failure is an `AttemptResult`.
 */
export const sendWebhook = async (message: OutgoingWebhook, options: SenderOptions): Promise<AttemptResult> => {
  let url: URL;
  try {
    url = new URL(message.url);
  } catch {
    return failed(null, `${message.url} is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return failed(null, `${url.protocol} is not http or https`);
  // Refused when the webhook is made; checked again so credentials written into the store are never sent either.
  if (url.username !== '' || url.password !== '') return failed(null, 'a URL with credentials is not sent to');
  const started = performance.now();
  const target = await checkedTarget(url.hostname, options.resolve, options.allowPrivate, { timeoutMs: options.timeoutMs, signal: options.signal });
  if (target.kind !== 'allowed') return failed(null, refusal(target));
  if (options.signal?.aborted) return failed(null, 'stopped');
  const left = options.timeoutMs - (performance.now() - started);
  if (left <= 0) return failed(null, `no answer within ${options.timeoutMs} ms`);
  const timestamp = Math.floor(options.now() / 1000);
  const headers = {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(message.body),
    'user-agent': 'pipeline-crm-webhooks',
    'webhook-id': message.id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signWebhook(message.secret, message.id, timestamp, message.body),
  };
  const requestOptions = { method: 'POST', headers, lookup: pinnedLookup(target.addresses), agent: false, signal: options.signal };
  return post(url, requestOptions, message.body, { leftMs: left, timeoutMs: options.timeoutMs });
};

/** What is left of the attempt's time once its host is resolved, and the whole of it (named in the error). */
interface Budget {
  leftMs: number;
  timeoutMs: number;
}

const post = (url: URL, requestOptions: Parameters<typeof httpRequest>[1], body: string, { leftMs, timeoutMs }: Budget): Promise<AttemptResult> =>
  new Promise((resolve) => {
    let settled = false;
    const settle = (result: AttemptResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(url, requestOptions, (response) => {
      const status = response.statusCode ?? 0;
      if (status >= 200 && status < 300) {
        settle({ delivered: true, status, error: null });
        // The status is all a 2xx tells: its body is not read, and a receiver that never ends it must not keep the socket.
        response.destroy();
        return;
      }
      let text = '';
      const done = (): void => {
        settle(failed(status, statusError(response, text)));
        response.destroy();
      };
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
        if (text.length >= RESPONSE_BYTES_KEPT) done();
      });
      response.on('end', done);
      response.on('close', done);
      response.on('error', done);
    });
    const timer = setTimeout(() => request.destroy(new Error(`no answer within ${timeoutMs} ms`)), leftMs);
    request.on('error', (error: NodeJS.ErrnoException) => settle(failed(null, error.name === 'AbortError' ? 'stopped' : printable(error.message || String(error.code)))));
    request.end(body);
  });
