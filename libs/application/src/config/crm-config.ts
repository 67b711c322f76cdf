import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { loadEdgeConfig, type EdgeConfig } from './edge-config';

export interface CrmConfig extends EdgeConfig {
  dataDir: string;
  eventStore: { kind: 'sqlite'; path: string } | { kind: 'esdb'; url: string };
  readStore: { kind: 'sqlite'; path: string } | { kind: 'mongo'; url: string; database: string };
  /** Data keys, erasures and suppressions: beside the read models' store, in a file or database of their own. */
  keyStore: { kind: 'sqlite'; path: string } | { kind: 'mongo'; url: string; database: string };
  host: string;
  port: number;
  jwtSecret: string | null;
  /** What a rebuild's documents may weigh in memory (`CRM_REBUILD_MEMORY_MB`, default 256 MiB). */
  rebuildMemoryBudgetBytes?: number;
  /** Threads `crm projections rebuild --all` rebuilds on (`CRM_REBUILD_THREADS`, default 2, 1 on one core). */
  rebuildThreads: number;
}

/** A setting that cannot work is refused at start-up, naming the variable, rather than failing later. */
export class ConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

const required = (env: NodeJS.ProcessEnv, name: string, because: string): string => {
  const value = env[name];
  if (!value) throw new ConfigError(name, `is required ${because}`);
  return value;
};

/** CRM_REBUILD_MEMORY_MB: a whole number of MiB; too small a budget would write out at every few events. */
const rebuildMemoryBudgetBytes = (env: NodeJS.ProcessEnv): number => {
  const raw = env.CRM_REBUILD_MEMORY_MB;
  if (raw === undefined || raw === '') return 256 * 2 ** 20;
  const mib = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(mib) || mib < 16) throw new ConfigError('CRM_REBUILD_MEMORY_MB', 'must be a whole number of MiB, at least 16');
  return mib * 2 ** 20;
};

/** The most threads a rebuild may use: one per projection would be eight, and each adds its own heap. */
const MAX_REBUILD_THREADS = 8;

/**
 * CRM_REBUILD_THREADS: by default two where there are two cores or more. More threads split the same
 * memory budget more ways (see `threadMemoryBudget`), and two already took a 1,000,000-event rebuild
 * from one core busy to both.
 */
const rebuildThreads = (env: NodeJS.ProcessEnv): number => {
  const raw = env.CRM_REBUILD_THREADS;
  if (raw === undefined || raw === '') return Math.min(2, availableParallelism());
  const threads = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || threads < 1 || threads > MAX_REBUILD_THREADS) throw new ConfigError('CRM_REBUILD_THREADS', `must be a whole number from 1 to ${MAX_REBUILD_THREADS}`);
  return threads;
};

export const loadConfig = (env: NodeJS.ProcessEnv = process.env): CrmConfig => {
  const dataDir = resolve(env.CRM_DATA_DIR ?? './data');
  const eventStoreKind = env.EVENT_STORE ?? 'sqlite';
  const readStoreKind = env.READ_STORE ?? 'sqlite';
  if (eventStoreKind !== 'sqlite' && eventStoreKind !== 'esdb') throw new ConfigError('EVENT_STORE', 'must be sqlite or esdb');
  if (readStoreKind !== 'sqlite' && readStoreKind !== 'mongo') throw new ConfigError('READ_STORE', 'must be sqlite or mongo');
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError('PORT', 'must be a port number');
  return {
    dataDir,
    eventStore:
      eventStoreKind === 'esdb'
        ? { kind: 'esdb', url: required(env, 'EVENTSTORE_URL', 'when EVENT_STORE=esdb') }
        : { kind: 'sqlite', path: resolve(dataDir, 'events.sqlite') },
    readStore:
      readStoreKind === 'mongo'
        ? { kind: 'mongo', url: required(env, 'MONGODB_URL', 'when READ_STORE=mongo'), database: env.MONGODB_DATABASE ?? 'pipeline_crm' }
        : { kind: 'sqlite', path: resolve(dataDir, 'read-models.sqlite') },
    keyStore:
      readStoreKind === 'mongo'
        ? { kind: 'mongo', url: required(env, 'MONGODB_URL', 'when READ_STORE=mongo'), database: env.MONGODB_KEYS_DATABASE ?? 'pipeline_crm_keys' }
        : { kind: 'sqlite', path: resolve(dataDir, 'keys.sqlite') },
    host: env.HOST ?? '127.0.0.1',
    port,
    jwtSecret: env.CRM_JWT_SECRET || null,
    rebuildMemoryBudgetBytes: rebuildMemoryBudgetBytes(env),
    rebuildThreads: rebuildThreads(env),
    ...loadEdgeConfig(env, (variable, problem) => {
      throw new ConfigError(variable, problem);
    }),
  };
};
