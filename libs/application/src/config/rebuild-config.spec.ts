import { availableParallelism } from 'node:os';
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

describe("a rebuild's threads from the environment", () => {
  it('are two where there are two cores or more, unless CRM_REBUILD_THREADS says otherwise', () => {
    expect(loadConfig({}).rebuildThreads).toBe(Math.min(2, availableParallelism()));
    expect(loadConfig({ CRM_REBUILD_THREADS: '1' }).rebuildThreads).toBe(1);
    expect(loadConfig({ CRM_REBUILD_THREADS: '4' }).rebuildThreads).toBe(4);
  });

  it.each([['none', '0'], ['a fraction', '1.5'], ['a word', 'all'], ['more than there are projections', '9'], ['a negative number', '-2']])('refuses %s, naming the variable', (_, value) => {
    expect(() => loadConfig({ CRM_REBUILD_THREADS: value })).toThrow(ConfigError);
    expect(() => loadConfig({ CRM_REBUILD_THREADS: value })).toThrow(/^CRM_REBUILD_THREADS: /);
  });
});
