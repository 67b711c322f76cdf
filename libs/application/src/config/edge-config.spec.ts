import { ConfigError, loadConfig } from './crm-config';

describe('the edge settings of the configuration', () => {
  it('allow no browser origin and check no issuer or audience by default, with 30 s of clock tolerance', () => {
    expect(loadConfig({})).toMatchObject({ corsOrigins: [], tokenPolicy: { issuer: null, audience: null, clockToleranceSeconds: 30 } });
  });

  it('read the origins, issuer, audience and tolerance from the environment', () => {
    const config = loadConfig({
      CRM_CORS_ORIGINS: 'https://crm.example.nl, http://localhost:5173,',
      CRM_JWT_ISSUER: 'https://id.example.nl',
      CRM_JWT_AUDIENCE: 'pipeline-crm',
      CRM_JWT_CLOCK_TOLERANCE: '0',
    });
    expect(config).toMatchObject({
      corsOrigins: ['https://crm.example.nl', 'http://localhost:5173'],
      tokenPolicy: { issuer: 'https://id.example.nl', audience: 'pipeline-crm', clockToleranceSeconds: 0 },
    });
  });

  it.each([
    ['a wildcard', { CRM_CORS_ORIGINS: '*' }, 'CRM_CORS_ORIGINS'],
    ['an origin with a path', { CRM_CORS_ORIGINS: 'https://crm.example.nl/app' }, 'CRM_CORS_ORIGINS'],
    ['an origin with a trailing slash', { CRM_CORS_ORIGINS: 'https://crm.example.nl/' }, 'CRM_CORS_ORIGINS'],
    ['a host without a scheme', { CRM_CORS_ORIGINS: 'crm.example.nl' }, 'CRM_CORS_ORIGINS'],
    ['a tolerance in minutes', { CRM_JWT_CLOCK_TOLERANCE: '2m' }, 'CRM_JWT_CLOCK_TOLERANCE'],
    ['a tolerance over five minutes', { CRM_JWT_CLOCK_TOLERANCE: '301' }, 'CRM_JWT_CLOCK_TOLERANCE'],
  ])('refuse %s, naming the variable', (_, env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^${variable}: `));
  });
});
