import { verifyToken } from '@crm/application';
import { tempDataDir, type TempDataDir } from './testing/buffer-io';

describe('crm: help, usage errors and exit codes', () => {
  let data: TempDataDir;
  beforeAll(() => {
    data = tempDataDir();
  });
  afterAll(() => data.cleanup());

  it('prints help for the program and for every command, with exit code 0', async () => {
    const main = await data.run(['--help']);
    expect(main).toMatchObject({ code: 0 });
    for (const command of ['history', 'export', 'audit', 'report', 'token', 'seed']) expect(main.stdout).toContain(command);
    for (const argv of [['history', '--help'], ['export', '--help'], ['audit', 'verify', '--help'], ['report', 'movement', '--help'], ['report', 'forecast', '--help'], ['token', '--help'], ['seed', '--help']]) {
      const run = await data.run(argv);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`Usage: crm ${argv.slice(0, -1).join(' ')}`);
    }
  });

  it.each([
    ['no command', []],
    ['an unknown command', ['frobnicate']],
    ['an unknown option', ['export', '--colour']],
    ['an unknown role', ['token', '--role', 'root']],
    ['a token without a role', ['token']],
    ['a bad instant', ['history', 'lead', '3f0c8a52-7d1e-4b0a-9c4f-2a6d5e8b9f10', '--as-of', 'yesterday']],
    ['a bad uuid', ['history', 'lead', 'not-a-uuid']],
    ['an unknown entity type', ['history', 'deal', '3f0c8a52-7d1e-4b0a-9c4f-2a6d5e8b9f10']],
    ['a non-integer --leads', ['seed', '--leads', '1.5']],
    ['a negative --seed', ['seed', '--seed', '-1']],
    ['an unknown export format', ['export', '--format', 'xml']],
    ['an unknown category', ['export', '--category', 'deal']],
    ['--from after --to', ['export', '--from', '2025-02-01', '--to', '2025-01-01']],
    ['a missing argument', ['history', 'lead']],
    ['an unknown projection to rebuild', ['projections', 'rebuild', 'deals']],
    ['an unknown projection to list parked events of', ['projections', 'parked', 'deals']],
  ])('exits with 2 and says why on stderr for %s', async (_name, argv) => {
    const run = await data.run(argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/error|Usage/);
  });

  it('exits with 2 on a configuration that cannot work', async () => {
    expect((await data.run(['token', '--role', 'rep'], { CRM_JWT_SECRET: 'too-short' })).code).toBe(2);
    expect((await data.run(['audit', 'verify'], { EVENT_STORE: 'postgres' })).code).toBe(2);
  });

  it('exits with 1 when there is nothing to read', async () => {
    const run = await data.run(['audit', 'verify']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('No event store');
  });

  it('prints a token that verifies with the secret generated into the data folder, and reuses that secret', async () => {
    const first = await data.run(['token', '--role', 'auditor,analyst', '--sub', 'eva.smit']);
    const second = await data.run(['token', '-r', 'admin']);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    const { readFileSync } = await import('node:fs');
    const secret = readFileSync(`${data.dir}/jwt-secret`, 'utf8');
    await expect(verifyToken(first.stdout.trim(), secret)).resolves.toEqual({ sub: 'eva.smit', roles: ['auditor', 'analyst'] });
    await expect(verifyToken(second.stdout.trim(), secret)).resolves.toEqual({ sub: 'crm-cli', roles: ['admin'] });
  });

  it('signs with CRM_JWT_SECRET when it is set', async () => {
    const secret = 'an-operator-chosen-secret-of-enough-length';
    const run = await data.run(['token', '--role', 'rep', '--ttl', '15m'], { CRM_JWT_SECRET: secret });
    await expect(verifyToken(run.stdout.trim(), secret)).resolves.toMatchObject({ roles: ['rep'] });
  });

  it('puts CRM_JWT_ISSUER and CRM_JWT_AUDIENCE into the token when they are set, as the server then requires', async () => {
    const secret = 'an-operator-chosen-secret-of-enough-length';
    const policy = { issuer: 'https://id.example.nl', audience: 'pipeline-crm', clockToleranceSeconds: 0 };
    const run = await data.run(['token', '--role', 'rep'], { CRM_JWT_SECRET: secret, CRM_JWT_ISSUER: policy.issuer, CRM_JWT_AUDIENCE: policy.audience });
    await expect(verifyToken(run.stdout.trim(), secret, policy)).resolves.toMatchObject({ roles: ['rep'] });
    const unset = await data.run(['token', '--role', 'rep'], { CRM_JWT_SECRET: secret });
    await expect(verifyToken(unset.stdout.trim(), secret, policy)).rejects.toThrow('Token claim iss is invalid');
  });
});
