import { ConfigError, loadConfig } from './crm-config';

describe("a rebuild's memory budget from the environment", () => {
  it('is 256 MiB unless CRM_REBUILD_MEMORY_MB says otherwise', () => {
    expect(loadConfig({}).rebuildMemoryBudgetBytes).toBe(256 * 2 ** 20);
    expect(loadConfig({ CRM_REBUILD_MEMORY_MB: '128' }).rebuildMemoryBudgetBytes).toBe(128 * 2 ** 20);
  });

  it.each([['a fraction', '1.5'], ['a unit', '256MB'], ['a negative number', '-1'], ['too small a budget', '8']])('refuses %s, naming the variable', (_, value) => {
    expect(() => loadConfig({ CRM_REBUILD_MEMORY_MB: value })).toThrow(ConfigError);
    expect(() => loadConfig({ CRM_REBUILD_MEMORY_MB: value })).toThrow(/^CRM_REBUILD_MEMORY_MB: /);
  });
});
