import type { ReadStore } from '@crm/read-models';
import type { CheckpointStore } from '../core/checkpoints';

/** Background processes keep their checkpoints beside the projections' in the read store. */
export class ReadStoreCheckpoints implements CheckpointStore {
  constructor(private readonly readStore: ReadStore) {}

  async get(name: string): Promise<bigint | null> {
    return (await this.readStore.getCheckpoint(name))?.position ?? null;
  }

  async save(name: string, position: bigint): Promise<void> {
    await this.readStore.writeBatch([], { name, position });
  }
}
