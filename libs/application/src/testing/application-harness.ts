import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Global, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { SqliteEventStore, type EventStore } from '@crm/event-store';
import { ApplicationModule } from '../application.module';
import type { CheckpointStore } from '../core/checkpoints';
import { PROCESS_CHECKPOINTS } from '../core/checkpoints';
import { EVENT_STORE } from '../core/tokens';

/** Checkpoints that outlive one application context, as a file would across a restart. */
export class MemoryCheckpoints implements CheckpointStore {
  private readonly positions = new Map<string, bigint>();
  async get(name: string): Promise<bigint | null> {
    return this.positions.get(name) ?? null;
  }
  async save(name: string, position: bigint): Promise<void> {
    this.positions.set(name, position);
  }
}

export interface RunningApplication {
  context: INestApplicationContext;
  commands: CommandBus;
  store: EventStore;
  close(): Promise<void>;
}

/** Starts the write side the way a process does, against a real SQLite event store file. */
export const startApplication = async (
  store: EventStore,
  checkpoints: CheckpointStore = new MemoryCheckpoints(),
): Promise<RunningApplication> => {
  @Global()
  @Module({
    providers: [
      { provide: EVENT_STORE, useValue: store },
      { provide: PROCESS_CHECKPOINTS, useValue: checkpoints },
    ],
    exports: [EVENT_STORE, PROCESS_CHECKPOINTS],
  })
  class TestStoresModule {}

  @Module({ imports: [TestStoresModule, ApplicationModule] })
  class TestApplicationModule {}

  const context = await NestFactory.createApplicationContext(TestApplicationModule, { logger: false });
  return { context, store, commands: context.get(CommandBus), close: () => context.close() };
};

export const tempEventStoreFile = (): { path: string; open(): SqliteEventStore; cleanup(): void } => {
  const dir = mkdtempSync(join(tmpdir(), 'crm-app-'));
  const path = join(dir, 'events.sqlite');
  return { path, open: () => new SqliteEventStore({ path }), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
};
