import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEventStoreContract } from '../contract/event-store.contract';
import { newEvent, streamIn, take, uniqueCategory } from '../contract/fixtures';
import { SqliteEventStore } from './sqlite-event-store';

const dir = mkdtempSync(join(tmpdir(), 'crm-events-'));
const file = join(dir, 'events.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeEventStoreContract('SQLite', { open: async () => new SqliteEventStore({ path: file }), globallyUniqueEventIds: true });

describe('SQLite event store, one file shared by two processes', () => {
  it('a subscriber picks up appends made through another connection to the same file', async () => {
    const reader = new SqliteEventStore({ path: file, crossProcessPollMs: 20 });
    const writer = new SqliteEventStore({ path: file });
    try {
      const category = uniqueCategory();
      const received = take(reader.subscribeToAll({ filter: { categories: [category] } }), 3, 5000);
      for (let n = 0; n < 3; n++) await writer.appendToStream(streamIn(category), [newEvent('Seen', { n })], 'no_stream');
      expect((await received).map((e) => e.data.n)).toEqual([0, 1, 2]);
    } finally {
      await Promise.all([reader.close(), writer.close()]);
    }
  });

  it('a subscriber sees every event, once and in order, when its own process and another one both append', async () => {
    const local = new SqliteEventStore({ path: file, crossProcessPollMs: 20 });
    const other = new SqliteEventStore({ path: file });
    try {
      const category = uniqueCategory();
      const received = take(local.subscribeToAll({ filter: { categories: [category] } }), 40, 10_000);
      for (let n = 0; n < 40; n++) {
        const writer = n % 3 === 0 || n > 30 ? other : local;
        await writer.appendToStream(streamIn(category), [newEvent('Seen', { n })], 'no_stream');
      }
      expect((await received).map((e) => e.data.n)).toEqual([...Array(40).keys()]);
    } finally {
      await Promise.all([local.close(), other.close()]);
    }
  });

  it('a conflict decided by another connection is reported, not merged', async () => {
    const one = new SqliteEventStore({ path: file });
    const two = new SqliteEventStore({ path: file });
    try {
      const stream = streamIn(uniqueCategory());
      await one.appendToStream(stream, [newEvent()], 'no_stream');
      await expect(two.appendToStream(stream, [newEvent()], 'no_stream')).rejects.toMatchObject({ code: 'CONFLICT', actual: 0 });
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });
});
