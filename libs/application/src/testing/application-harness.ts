import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Global, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { randomBytes } from 'node:crypto';
import { SqliteEventStore, type EventStore } from '@crm/event-store';
import { KeyRing, MasterKey, SqliteKeyStore, type KeyStore } from '@crm/key-store';
import { ApplicationModule } from '../application.module';
import type { CheckpointStore } from '../core/checkpoints';
import { PROCESS_CHECKPOINTS } from '../core/checkpoints';
import { EVENT_STORE } from '../core/tokens';
import type { PersonalDataStores } from '../privacy/open-personal-data';
import { PersonalDataCodec } from '../privacy/personal-data-codec';
import { PersonalDataEventStore } from '../privacy/personal-data-event-store';
import { KEY_STORE } from '../privacy/privacy.tokens';

let shared: PersonalDataStores | null = null;

/**
 * One in-memory key store and master key for the whole test file: applications started on the same
 * event store file one after another (a restart) find the keys the earlier one made.
 */
export const testPersonalData = (): PersonalDataStores => {
  if (shared) return shared;
  const keyStore = new SqliteKeyStore({ path: ':memory:' });
  const masterKey = new MasterKey(randomBytes(32));
  shared = { keyStore, masterKey, personalData: new PersonalDataCodec(new KeyRing(keyStore, masterKey)) };
  return shared;
};

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
  /** The log with personal fields opened, as the application reads it. */
  store: EventStore;
  close(): Promise<void>;
}

/** Starts the write side the way a process does, against a real SQLite event store file (`stored`, as it holds the events). */
export const startApplication = async (
  stored: EventStore,
  checkpoints: CheckpointStore = new MemoryCheckpoints(),
  /** The key store the write side talks to, e.g. one that holds a step back (the keys stay the shared ones). */
  keyStoreOf: (keyStore: KeyStore) => KeyStore = (keyStore) => keyStore,
): Promise<RunningApplication> => {
  const { masterKey, personalData } = testPersonalData();
  const keyStore = keyStoreOf(testPersonalData().keyStore);
  const store = new PersonalDataEventStore(stored, personalData);
  @Global()
  @Module({
    providers: [
      { provide: EVENT_STORE, useValue: store },
      { provide: KEY_STORE, useValue: keyStore },
      { provide: MasterKey, useValue: masterKey },
      { provide: PersonalDataCodec, useValue: personalData },
      { provide: PROCESS_CHECKPOINTS, useValue: checkpoints },
    ],
    exports: [EVENT_STORE, KEY_STORE, MasterKey, PersonalDataCodec, PROCESS_CHECKPOINTS],
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
