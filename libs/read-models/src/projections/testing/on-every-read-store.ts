import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import type { ReadStore } from '../../store/read-store.port';
import { SqliteReadStore } from '../../store/sqlite/sqlite-read-store';
import { MongoReadStore } from '../../store/mongo/mongo-read-store';

export type ReadStoreSuite = (adapter: string, open: () => Promise<ReadStore>) => void;

/**
 * Runs `suite` on SQLite, in a file of its own, and on MongoDB, in a database of its own dropped
 * afterwards, when MONGODB_URL is set; without it the MongoDB part is reported skipped, with why.
 * `what` names what the suite checks, for the skipped report ("reads several pipelines").
 */
export function describeOnEveryReadStore(what: string, suite: ReadStoreSuite): void {
  describe('SQLite', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-read-store-suite-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    suite('SQLite', async () => new SqliteReadStore({ filename: join(dir, 'store.sqlite') }));
  });

  const mongoUrl = process.env.MONGODB_URL;
  if (mongoUrl === undefined || mongoUrl === '') {
    describe.skip('MongoDB (skipped: MONGODB_URL is not set; run docker compose up -d and set MONGODB_URL=mongodb://localhost:27017/?replicaSet=rs0)', () => {
      it(`${what} on MongoDB`, () => undefined);
    });
    return;
  }
  describe('MongoDB', () => {
    const database = `crm_suite_test_${Date.now()}_${randomUUID().slice(0, 8)}`;
    let client: MongoClient;
    beforeAll(async () => {
      client = await new MongoClient(mongoUrl).connect();
    });
    afterAll(async () => {
      await client.db(database).dropDatabase();
      await client.close();
    });
    suite('MongoDB', async () => new MongoReadStore(client.db(database)));
  });
}
