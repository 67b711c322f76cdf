import { ConfigError } from './crm-config';
import { DEFAULT_PROJECTOR_LEASE_TTL_MS, loadScaledConfig } from './scaled-config';

describe('loadScaledConfig', () => {
  it('defaults the lease ttl to 15 s, the safety-net poll to 1 s and the webhook deliverer to its own defaults', () => {
    expect(loadScaledConfig({})).toEqual({ leaseTtlMs: DEFAULT_PROJECTOR_LEASE_TTL_MS, crossProcessPollMs: 1_000, webhookLeaseTtlMs: 36_000, webhookTimeoutMs: 10_000 });
  });

  it('reads them from the environment', () => {
    const env = { CRM_PROJECTOR_LEASE_TTL_MS: '2500', CRM_CROSS_PROCESS_POLL_MS: '30000', CRM_WEBHOOK_LEASE_TTL_MS: '2000', CRM_WEBHOOK_TIMEOUT_MS: '500' };
    expect(loadScaledConfig(env)).toEqual({ leaseTtlMs: 2_500, crossProcessPollMs: 30_000, webhookLeaseTtlMs: 2_000, webhookTimeoutMs: 500 });
  });

  it("refuses a webhook timeout that is not under a third of the delivery lease's ttl", () => {
    expect(() => loadScaledConfig({ CRM_WEBHOOK_LEASE_TTL_MS: '2000' })).toThrow('CRM_WEBHOOK_TIMEOUT_MS');
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
