import { ConfigError } from './crm-config';
import { DEFAULT_PROJECTOR_LEASE_TTL_MS, loadScaledConfig } from './scaled-config';

describe('loadScaledConfig', () => {
  it('defaults the lease ttl to 15 s and the safety-net poll to 1 s', () => {
    expect(loadScaledConfig({})).toEqual({ leaseTtlMs: DEFAULT_PROJECTOR_LEASE_TTL_MS, crossProcessPollMs: 1_000 });
  });

  it('reads them from the environment', () => {
    const env = { CRM_PROJECTOR_LEASE_TTL_MS: '2500', CRM_CROSS_PROCESS_POLL_MS: '30000' };
    expect(loadScaledConfig(env)).toEqual({ leaseTtlMs: 2_500, crossProcessPollMs: 30_000 });
  });

  it.each([
    ['CRM_PROJECTOR_LEASE_TTL_MS', 'soon'],
    ['CRM_PROJECTOR_LEASE_TTL_MS', '50'],
    ['CRM_CROSS_PROCESS_POLL_MS', '-1'],
    ['CRM_CROSS_PROCESS_POLL_MS', '1.5'],
  ])('refuses %s=%s, naming the variable', (variable, value) => {
    expect(() => loadScaledConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadScaledConfig({ [variable]: value })).toThrow(variable);
  });
});
