import type { SerializedError } from '../threads/error-transport';
import type { ProjectorOptions } from './projector';
import type { RebuildProgress, RebuildResult } from './rebuilder';

export interface RebuildThreadData {
  storesModule: string;
  storesArgument: unknown;
  owner: string;
  memoryBudgetBytes: number;
  projector: Pick<ProjectorOptions, 'aliasTtlMs' | 'dropGraceMs'>;
}

export type ToRebuildThread = { kind: 'rebuild'; name: string } | { kind: 'close' };

export type FromRebuildThread =
  | { kind: 'ready' }
  | { kind: 'open-failed'; error: SerializedError }
  | { kind: 'progress'; progress: RebuildProgress }
  /** The projection asked for last is switching: the thread can take the next while it drops the old copy. */
  | { kind: 'next' }
  | { kind: 'rebuilt'; result: RebuildResult }
  | { kind: 'failed'; name: string; error: SerializedError }
  | { kind: 'log'; level: 'log' | 'warn' | 'error'; message: string }
  /** Its stores are closed; with an error when closing them failed. */
  | { kind: 'closed'; error?: SerializedError };
