import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newEvent, streamIn, take, uniqueCategory } from '../contract/fixtures';
import { SqliteEventStore } from './sqlite-event-store';

/** Longer than the test may run: a subscriber that hears of another connection's appends in time was signalled. */
const SAFETY_NET_POLL_MS = 60_000;

describe('SQLite event store shared by several processes, with cross-process signals', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'crm-signals-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("wakes a subscriber at another connection's commit, not at its poll", async () => {
    const path = join(dir, 'events.sqlite');
    const reader = new SqliteEventStore({ path, crossProcessSignals: true, crossProcessPollMs: SAFETY_NET_POLL_MS });
    const writer = new SqliteEventStore({ path, crossProcessSignals: true });
    try {
      const category = uniqueCategory();
      const received = take(reader.subscribeToAll({ filter: { categories: [category] } }), 3, 5_000);
      for (let n = 0; n < 3; n++) await writer.appendToStream(streamIn(category), [newEvent('Seen', { n })], 'no_stream');
      expect((await received).map((e) => e.data.n)).toEqual([0, 1, 2]);
      expect(existsSync(`${path}.signal`)).toBe(true);
    } finally {
      await Promise.all([reader.close(), writer.close()]);
    }
  });

  it('subscribes and appends on its poll when the signal file cannot be made', async () => {
    const path = join(dir, 'events.sqlite');
    mkdirSync(`${path}.signal`);
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const reader = new SqliteEventStore({ path, crossProcessSignals: true, crossProcessPollMs: 20 });
    const writer = new SqliteEventStore({ path, crossProcessSignals: true });
    try {
      const category = uniqueCategory();
      const received = take(reader.subscribeToAll({ filter: { categories: [category] } }), 2, 5_000);
      for (let n = 0; n < 2; n++) await writer.appendToStream(streamIn(category), [newEvent('Seen', { n })], 'no_stream');
      expect((await received).map((e) => e.data.n)).toEqual([0, 1]);
      expect(warn).toHaveBeenCalled();
    } finally {
      await Promise.all([reader.close(), writer.close()]);
      warn.mockRestore();
    }
  });

  it('ends a subscription closed while it waits for appends at once, not at its poll', async () => {
    const store = new SqliteEventStore({ path: join(dir, 'events.sqlite'), crossProcessSignals: true, crossProcessPollMs: SAFETY_NET_POLL_MS });
    try {
      const subscription = store.subscribeToAll({ filter: { categories: [uniqueCategory()] } });
      const ended = (async () => {
        for await (const event of subscription) void event;
        return 'ended';
      })();
      // Let it reach its wait: the first (empty) page is read at once.
      await new Promise((resolve) => setImmediate(resolve));
      await subscription.close();
      const hung = new Promise((resolve) => setTimeout(() => resolve('still waiting'), 1_000).unref());
      expect(await Promise.race([ended, hung])).toBe('ended');
    } finally {
      await store.close();
    }
  });

  it('leaves no signal file without the option (the embedded process)', async () => {
    const path = join(dir, 'events.sqlite');
    const store = new SqliteEventStore({ path });
    await store.appendToStream(streamIn(uniqueCategory()), [newEvent('Seen', { n: 0 })], 'no_stream');
    await store.close();
    expect(existsSync(`${path}.signal`)).toBe(false);
  });
});
