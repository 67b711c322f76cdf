import type { CheckpointStore } from '@crm/application';
import type { ReadStore } from '@crm/read-models';

/** Process checkpoints (lead conversion runner) kept in the read store beside the projections' own. */
export class ReadStoreCheckpoints implements CheckpointStore {
  constructor(private readonly store: ReadStore) {}

  async get(name: string): Promise<bigint | null> {
    return (await this.store.getCheckpoint(name))?.position ?? null;
  }

  async save(name: string, position: bigint): Promise<void> {
    await this.store.writeBatch([], { name, position });
  }
}
