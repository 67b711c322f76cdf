/** Where a background process remembers how far it has read the log. */
export interface CheckpointStore {
  get(name: string): Promise<bigint | null>;
  save(name: string, position: bigint): Promise<void>;
}

export const PROCESS_CHECKPOINTS = Symbol('PROCESS_CHECKPOINTS');
