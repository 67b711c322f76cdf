import { isIP } from 'node:net';
import { ValidationError } from '@crm/domain';
import type { Resolver } from '../delivery/target-address';
import { checkWebhookUrl, type WebhookTargetRules } from './webhook-target';

const strict: WebhookTargetRules = { allowPrivate: false };

/** The field errors a refused URL gives; the test fails if it is accepted. */
const refusal = async (url: string, rules: WebhookTargetRules = strict): Promise<Array<{ field: string; message: string }>> => {
  try {
    await checkWebhookUrl(url, rules);
  } catch (error) {
    if (error instanceof ValidationError) return error.fields;
    throw error;
  }
  throw new Error(`${url} was accepted`);
};

/** A resolver answering from a table, as a name server would; unknown names do not resolve. */
const names = (table: Record<string, string[]>): Resolver => async (host) => {
  if (!(host in table)) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return table[host].map((address) => ({ address, family: isIP(address) }));
};

describe('a webhook target URL', () => {
  it.each([
    'http://[::1]/',
    'http://169.254.169.254/latest/meta-data',
    'http://10.0.0.1/',
    'http://localhost:1/',
    'http://127.0.0.1:3000/graphql',
    'http://2130706433/',
    'http://0x7f.1/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:a9fe:a9fe]/',
    'http://[0:0:0:0:0:ffff:a00:1]/',
    'http://[::127.0.0.1]/',
    'http://[fe80::1]/',
    'http://[fd12:3456::1]/',
    'https://192.168.1.10/hook',
    'http://0.0.0.0/',
    'http://[::]/',
    'http://[64:ff9b::169.254.169.254]/',
    'http://[2002:7f00:1::]/',
    'http://[fec0::1]/',
    'http://[::ffff:0:7f00:1]/',
  ])('refuses %s on url, naming the address', async (url) => {
    const fields = await refusal(url);
    expect(fields).toEqual([{ field: 'url', message: expect.stringMatching(/private, loopback, link-local or reserved address.*CRM_WEBHOOK_ALLOW_PRIVATE=1/) }]);
  });

  it.each([
    ['ftp://hooks.example.com/', /must use http or https, not ftp/],
    ['file:///etc/passwd', /must use http or https, not file/],
    ['javascript:alert(1)', /must use http or https/],
    ['https://user:secret@hooks.example.com/', /user name or password/],
    ['https://user@hooks.example.com/', /user name or password/],
    ['https://hooks.example.com/crm#part', /fragment/],
    ['https://hooks.example.com/crm#', /fragment/],
    ['hooks.example.com/crm', /not an absolute URL/],
    ['', /not an absolute URL/],
    [`https://hooks.example.com/${'a'.repeat(2048)}`, /at most 2048 characters/],
  ])('refuses %s on url', async (url, message) => {
    expect(await refusal(url)).toEqual([{ field: 'url', message: expect.stringMatching(message) }]);
  });

  it('refuses a name when any address it resolves to is forbidden, and says which', async () => {
    const resolve = names({ 'hooks.example.com': ['93.184.216.34', '10.1.2.3'], 'v6.example.com': ['2606:4700::1', '::ffff:127.0.0.1'] });
    expect(await refusal('https://hooks.example.com/', { allowPrivate: false, resolve })).toEqual([
      { field: 'url', message: expect.stringContaining('hooks.example.com resolves to 10.1.2.3') },
    ]);
    expect(await refusal('https://v6.example.com/', { allowPrivate: false, resolve })).toEqual([
      { field: 'url', message: expect.stringContaining('v6.example.com resolves to ::ffff:127.0.0.1') },
    ]);
  });

  it('accepts public addresses and names, normalised', async () => {
    const resolve = names({ 'hooks.example.com': ['93.184.216.34', '2606:2800:220:1::1'] });
    expect(await checkWebhookUrl('HTTPS://Hooks.Example.com:443/crm?x=1', { allowPrivate: false, resolve })).toBe('https://hooks.example.com/crm?x=1');
    expect(await checkWebhookUrl('http://93.184.216.34:8080/in', strict)).toBe('http://93.184.216.34:8080/in');
    expect(await checkWebhookUrl('https://[2606:4700:4700::1111]/', strict)).toBe('https://[2606:4700:4700::1111]/');
  });

  it('accepts a name that does not resolve yet: every delivery resolves it again', async () => {
    expect(await checkWebhookUrl('https://receiver.example.invalid/hook', strict)).toBe('https://receiver.example.invalid/hook');
    expect(await checkWebhookUrl('https://pending.example.com/', { allowPrivate: false, resolve: names({}) })).toBe('https://pending.example.com/');
    expect(await checkWebhookUrl('https://empty.example.com/', { allowPrivate: false, resolve: names({ 'empty.example.com': [] }) })).toBe('https://empty.example.com/');
  });

  it('gives up on a lookup that takes longer than allowed, taking the name as not resolving yet', async () => {
    const never: Resolver = () => new Promise(() => undefined);
    expect(await checkWebhookUrl('https://slow.example.com/hook', { allowPrivate: false, resolve: never, lookupTimeoutMs: 50 })).toBe('https://slow.example.com/hook');
  });

  it('allows private targets when the deployment says so, but never another scheme or credentials', async () => {
    const open = { allowPrivate: true };
    expect(await checkWebhookUrl('http://localhost:1/', open)).toBe('http://localhost:1/');
    expect(await checkWebhookUrl('http://169.254.169.254/latest/meta-data', open)).toBe('http://169.254.169.254/latest/meta-data');
    expect(await checkWebhookUrl('http://[::1]:8080/', open)).toBe('http://[::1]:8080/');
    expect(await refusal('ftp://10.0.0.1/', open)).toEqual([{ field: 'url', message: expect.stringMatching(/http or https/) }]);
    expect(await refusal('http://a:b@10.0.0.1/', open)).toEqual([{ field: 'url', message: expect.stringMatching(/user name or password/) }]);
  });
});
