import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { MongoReadStore, SqliteReadStore } from '@crm/read-models';
import { describeWebhookStoreContract } from './webhook-store.contract';

describe('webhook store over SQLite (temp file)', () => {
  let dir: string;
  let files = 0;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'crm-webhook-store-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describeWebhookStoreContract('SQLite', async () => new SqliteReadStore({ filename: join(dir, `store-${files++}.sqlite`) }));
});

const mongoUrl = process.env.MONGODB_URL;

if (mongoUrl === undefined || mongoUrl === '') {
  describe.skip('webhook store over MongoDB (skipped: MONGODB_URL is not set; run docker compose up -d and set MONGODB_URL=mongodb://localhost:27017/?replicaSet=rs0)', () => {
    it('runs the webhook store contract against MongoDB', () => undefined);
  });
} else {
  describe('webhook store over MongoDB', () => {
    const runId = `crm_webhooks_test_${Date.now()}_${randomUUID().slice(0, 8)}`;
    let client: MongoClient;
    let databases = 0;
    beforeAll(async () => {
      client = await new MongoClient(mongoUrl).connect();
    });
    afterAll(async () => {
      const { databases: all } = await client.db().admin().listDatabases({ nameOnly: true });
      await Promise.all(all.filter((db) => db.name.startsWith(runId)).map((db) => client.db(db.name).dropDatabase()));
      await client.close();
    });

    describeWebhookStoreContract('MongoDB', async () => new MongoReadStore(client.db(`${runId}_${databases++}`)));
  });
}
