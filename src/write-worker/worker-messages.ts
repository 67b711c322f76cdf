import type { Generation } from '@crm/read-models';
import type { SerializedError } from './error-transport';

export type ExecuteMessage = { kind: 'execute'; id: number; command: string; data: unknown; context: unknown };

/** From the event loop's thread to the write worker. */
export type ToWriteWorker =
  | ExecuteMessage
  /** A rebuild on the event loop's side switched readers to a new copy: the live runner moves now. */
  | { kind: 'switched'; projection: string }
  | { kind: 'stop' }
  /** The commands one turn of the event loop gathered (`CommandPost`), handled in order. */
  | { kind: 'several'; messages: ExecuteMessage[] };

/** From the write worker to the event loop's thread. */
export type FromWriteWorker =
  | { kind: 'ready' }
  | { kind: 'start-failed'; error: SerializedError }
  | { kind: 'outcome'; id: number; outcome: unknown }
  | { kind: 'failed'; id: number; error: SerializedError }
  /** The worker's projector news, so read-your-writes waits on the other side answer without polling. */
  | { kind: 'checkpointed'; projection: string; position: bigint; generation: Generation }
  | { kind: 'switched'; projection: string }
  | { kind: 'stopped' }
  /** What one turn of the worker's event loop gathered (`Outbox`), handled in order. */
  | { kind: 'several'; messages: FromWriteWorker[] };
