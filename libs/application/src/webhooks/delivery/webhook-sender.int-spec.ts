import { Webhook } from 'standardwebhooks';
import { newWebhookSecret, webhookDeliveryId } from '../webhook-secret';
import { waitUntil } from '../testing/delivery-harness';
import { LoopbackReceiver } from '../testing/loopback-receiver';
import type { Resolver } from './target-address';
import { sendWebhook, type SenderOptions } from './webhook-sender';

const body = JSON.stringify({ type: 'LeadQualified', timestamp: '2026-01-01T00:00:00.000Z', data: { stream: 'lead-1', revision: 1, position: '7', event: {} } });
const id = webhookDeliveryId('wh-1', 'event-1');

/** The promise's value, or 'still waiting' when it has not settled in `ms` (a guard: the test fails rather than hangs). */
const settledWithin = <T>(ms: number, promise: Promise<T>): Promise<T | 'still waiting'> => {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<'still waiting'>((resolve) => {
    timer = setTimeout(() => resolve('still waiting'), ms);
  });
  return Promise.race([promise, guard]).finally(() => clearTimeout(timer));
};

describe('webhook sender (loopback receiver)', () => {
  let receiver: LoopbackReceiver;
  const secret = newWebhookSecret();
  const options = (over: Partial<SenderOptions> = {}): SenderOptions => ({ timeoutMs: 2_000, allowPrivate: true, resolve: async () => [{ address: '127.0.0.1', family: 4 }], now: Date.now, ...over });
  beforeEach(async () => {
    receiver = await LoopbackReceiver.start();
  });
  afterEach(() => receiver.close());

  it('posts the body with Standard Webhooks headers that verify, and a 2xx delivers', async () => {
    const result = await sendWebhook({ url: receiver.url, id, body, secret }, options());
    expect(result).toEqual({ delivered: true, status: 204, error: null });
    const [request] = receiver.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/hooks/crm', body });
    expect(request.headers).toMatchObject({ 'content-type': 'application/json', 'user-agent': 'pipeline-crm-webhooks', 'webhook-id': id });
    expect(Math.abs(Number(request.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(5);
    expect(new Webhook(secret).verify(request.body, request.headers as Record<string, string>)).toEqual(JSON.parse(body));
  });

  it('stamps each attempt with its own time, under the same id', async () => {
    let clock = Date.parse('2026-01-01T00:00:00Z');
    await sendWebhook({ url: receiver.url, id, body, secret }, options({ now: () => clock }));
    clock += 65_000;
    await sendWebhook({ url: receiver.url, id, body, secret }, options({ now: () => clock }));
    const stamps = receiver.requests.map((request) => Number(request.headers['webhook-timestamp']));
    expect(stamps[1] - stamps[0]).toBe(65);
    expect(receiver.requests.map((request) => request.headers['webhook-id'])).toEqual([id, id]);
  });

  it('connects to the address it checked and keeps the URL\'s host name in the Host header', async () => {
    const asked: string[] = [];
    const resolve: Resolver = async (host) => {
      asked.push(host);
      return [{ address: '127.0.0.1', family: 4 }];
    };
    const result = await sendWebhook({ url: `http://hooks.crm.test:${receiver.port}/hooks/crm`, id, body, secret }, options({ resolve }));
    expect(result.delivered).toBe(true);
    expect(asked).toEqual(['hooks.crm.test']);
    expect(receiver.requests[0].headers.host).toBe(`hooks.crm.test:${receiver.port}`);
  });

  it('refuses a name that resolves to a forbidden address at the time of the attempt, naming why, and sends nothing', async () => {
    const rebound: Resolver = async () => [{ address: '93.184.216.34', family: 4 }, { address: '127.0.0.1', family: 4 }];
    const result = await sendWebhook({ url: `http://hooks.crm.test:${receiver.port}/hooks/crm`, id, body, secret }, options({ allowPrivate: false, resolve: rebound }));
    expect(result).toEqual({ delivered: false, status: null, error: 'refused hooks.crm.test: 127.0.0.1 is a private, loopback, link-local or reserved address' });
    const literal = await sendWebhook({ url: receiver.url, id, body, secret }, options({ allowPrivate: false }));
    expect(literal.error).toMatch(/^refused 127\.0\.0\.1: /);
    const metadata = await sendWebhook({ url: 'http://[::ffff:169.254.169.254]/latest', id, body, secret }, options({ allowPrivate: false }));
    expect(metadata.error).toMatch(/private, loopback, link-local/);
    expect(receiver.requests).toHaveLength(0);
  });

  it('sends nothing to a URL that is not http(s) or that carries credentials', async () => {
    expect((await sendWebhook({ url: 'ftp://127.0.0.1/hook', id, body, secret }, options())).error).toBe('ftp: is not http or https');
    const withCredentials = receiver.url.replace('http://', 'http://crm:hunter2@');
    expect(await sendWebhook({ url: withCredentials, id, body, secret }, options())).toEqual({ delivered: false, status: null, error: 'a URL with credentials is not sent to' });
    expect(receiver.requests).toHaveLength(0);
  });

  it('fails an attempt whose name does not resolve', async () => {
    const nowhere: Resolver = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    expect(await sendWebhook({ url: 'https://gone.crm.test/hook', id, body, secret }, options({ resolve: nowhere }))).toEqual({ delivered: false, status: null, error: 'gone.crm.test does not resolve: ENOTFOUND' });
  });

  it('gives up on a name that does not resolve within the attempt\'s time, and ends at once when stopped while it resolves', async () => {
    const never: Resolver = () => new Promise(() => undefined);
    const url = `http://hooks.crm.test:${receiver.port}/hooks/crm`;
    expect(await settledWithin(5_000, sendWebhook({ url, id, body, secret }, options({ timeoutMs: 150, resolve: never })))).toEqual({
      delivered: false, status: null, error: 'hooks.crm.test does not resolve within 150 ms',
    });
    const stop = new AbortController();
    const attempt = sendWebhook({ url, id, body, secret }, options({ timeoutMs: 60_000, resolve: never, signal: stop.signal }));
    stop.abort();
    expect(await settledWithin(5_000, attempt)).toEqual({ delivered: false, status: null, error: 'stopped' });
    expect(receiver.requests).toHaveLength(0);
  });

  it('fails on any other status, keeping the start of the response, and does not follow redirects', async () => {
    receiver.answerWith(() => ({ status: 500, body: `database\nlocked${'!'.repeat(10_000)}` }));
    const failed = await sendWebhook({ url: receiver.url, id, body, secret }, options());
    expect(failed).toMatchObject({ delivered: false, status: 500 });
    expect(failed.error).toMatch(/^HTTP 500: database locked!!!/);
    expect(failed.error!.length).toBeLessThanOrEqual(320);
    receiver.answerWith((request) => (request.path === '/hooks/crm' ? { status: 301, headers: { location: '/elsewhere' } } : { status: 204 }));
    expect(await sendWebhook({ url: receiver.url, id, body, secret }, options())).toEqual({ delivered: false, status: 301, error: 'HTTP 301: redirect to /elsewhere not followed' });
    expect(receiver.requests.map((request) => request.path)).toEqual(['/hooks/crm', '/hooks/crm']);
  });

  it('closes the connection once a 2xx has come, though the receiver never ends its body', async () => {
    receiver.answerWith(() => ({ status: 200, body: 'accepted, and more to come', neverEnds: true }));
    expect(await sendWebhook({ url: receiver.url, id, body, secret }, options())).toEqual({ delivered: true, status: 200, error: null });
    await waitUntil('the receiver sees the connection closed', () => receiver.openConnections === 0, 5_000);
  });

  it('gives up on a receiver that does not answer in time', async () => {
    receiver.answerWith(() => 'hang');
    expect(await sendWebhook({ url: receiver.url, id, body, secret }, options({ timeoutMs: 150 }))).toEqual({ delivered: false, status: null, error: 'no answer within 150 ms' });
  });

  it('fails on a refused connection, and ends at once when stopped', async () => {
    const closed = await LoopbackReceiver.start();
    await closed.close();
    const refused = await sendWebhook({ url: closed.url, id, body, secret }, options());
    expect(refused).toMatchObject({ delivered: false, status: null, error: expect.stringMatching(/ECONNREFUSED/) });
    receiver.answerWith(() => 'hang');
    const stop = new AbortController();
    const attempt = sendWebhook({ url: receiver.url, id, body, secret }, options({ timeoutMs: 60_000, signal: stop.signal }));
    await receiver.arrived(1);
    stop.abort();
    expect(await attempt).toEqual({ delivered: false, status: null, error: 'stopped' });
  });
});
