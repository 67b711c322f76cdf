import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { collect, streamIn, take, uniqueCategory } from '../contract/fixtures';
import type { NewEvent, RecordedEvent } from '../events';
import type { JsonObject, JsonValue } from '../json';
import { SqliteEventStore } from './sqlite-event-store';

const dir = mkdtempSync(join(tmpdir(), 'crm-layout-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const newFile = (): string => join(dir, `events-${files++}.sqlite`);

const HASH = 'c45521e6b2b888d4aa935df8d377371cbf26d47b597c7b54365d714b86bc35a9';
const metadataOf = (extra: JsonObject = {}): NewEvent['metadata'] => {
  const commandId = randomUUID();
  return { actor: 'koen.dekker', commandId, correlationId: commandId, causationId: commandId, occurredAt: '2026-11-05T07:49:34.828Z', ...extra };
};
/** A version 7 uuid at `ms`, as this product's writers make them (the log knows nothing of how). */
const uuidV7 = (ms: number): string => {
  const hex = ms.toString(16).padStart(12, '0') + randomUUID().replace(/-/g, '').slice(12);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${hex.slice(13, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};
const ID_MS = Date.parse('2026-11-05T07:49:34.828Z');

const logical = (e: RecordedEvent) => ({ id: e.id, type: e.type, streamName: e.streamName, revision: e.revision, data: e.data, metadata: e.metadata });

/** Every shape of metadata and data the store must give back exactly, whatever form it keeps them in. */
const shapes = (streamId: string): Array<{ stream?: string; event: NewEvent }> => [
  { event: { id: randomUUID(), type: 'LeadCaptured', data: { leadId: streamId, subjectId: randomUUID(), personal: { subjectId: 'x', fields: ['email'], nonce: 'Fw4dz8ZnSavHep+W', ciphertext: 'hshT1Me/Q4ZMlnPbr/t32PcyTOAVd8Xk' } }, metadata: metadataOf({ inputFingerprint: 'k72HYajVIYD2CCRSwXmQZPnjnEaD2lvvYt-5xlaHr2s', hash: HASH }) } },
  { event: { id: randomUUID(), type: 'Correlated', data: {}, metadata: { ...metadataOf(), correlationId: randomUUID(), causationId: 'not-a-uuid-cause', hash: HASH.toUpperCase() } } },
  { event: { id: randomUUID(), type: 'NoExtras', data: { nested: { deeper: { empty: {} } }, list: [{ a: 1 }, streamId, null], n: 1e21, f: -0.5, t: true, nothing: null }, metadata: { actor: 'a', commandId: 'c', correlationId: 'c', causationId: 'c', occurredAt: '2026-01-01T00:00:00Z' } } },
  { event: { id: randomUUID(), type: 'Extras', data: { 'ké y': 'välue', '': 'empty key', '0': 'numeric key', when: '1969-12-31T23:59:59.999Z', noInstant: '2026-13-01T00:00:00.000Z', odd: 'abc', hexOdd: HASH.slice(1), upper: randomUUID().toUpperCase() }, metadata: metadataOf({ tenant: { id: 7, tags: ['a'] }, retries: 2 }) } },
  { event: { id: randomUUID(), type: 'Proto', data: JSON.parse('{"__proto__": {"polluted": true}, "ok": 1}') as JsonObject, metadata: metadataOf() } },
  { stream: `order-ORD_${randomUUID().slice(0, 8)}`, event: { id: randomUUID(), type: 'TextStream', data: { orderId: 'same as nothing', repeat: 'repeated value', again: 'repeated value' }, metadata: metadataOf() } },
  { stream: `upper-${randomUUID().toUpperCase()}`, event: { id: randomUUID().toUpperCase(), type: 'UpperIds', data: { id: 'x' }, metadata: metadataOf() } },
];

describe('the SQLite log gives back exactly what was appended, whatever form it stores it in', () => {
  it('round-trips every metadata and data shape through append, readStream, readAll and a reopen', async () => {
    const path = newFile();
    const category = uniqueCategory();
    const streamId = randomUUID();
    const cases = shapes(streamId);
    let store = new SqliteEventStore({ path });
    for (const { stream, event } of cases) await store.appendToStream(stream ?? streamIn(category, streamId), [event], 'any');
    const expected = cases.map(({ stream, event }, i) => ({
      id: event.id.toLowerCase(), type: event.type, streamName: stream ?? streamIn(category, streamId), data: event.data, metadata: event.metadata,
      revision: stream === undefined ? i : 0,
    }));
    const check = async () => {
      const all = (await collect(store.readAll())).map(logical);
      expect(all).toEqual(expected);
      for (const [i, event] of all.entries()) expect(JSON.stringify(event.data)).toBe(JSON.stringify(expected[i].data));
      expect(Object.getPrototypeOf(all[4].data)).toBe(Object.prototype);
      expect((await collect(store.readStream(expected[0].streamName, { direction: 'backwards' }))).map(logical)).toEqual(expected.slice(0, 5).reverse());
      expect(await store.streamRevision(expected[6].streamName)).toBe(0);
    };
    await check();
    await store.close();
    store = new SqliteEventStore({ path });
    await check();
    await store.close();
  });

  it('round-trips instants kept after a version 7 id and lists kept as names, and only those, read back or served live', async () => {
    const path = newFile();
    const names = ['firstName', 'lastName', 'email', 'job_title2'];
    const cases: Array<{ stream?: string; event: NewEvent }> = [
      // After the id's time, at it, before it, far from it, and more than one instant.
      { event: { id: uuidV7(ID_MS), type: 'Timed', data: { at: '2026-11-05T07:49:34.831Z', same: '2026-11-05T07:49:34.828Z' }, metadata: metadataOf({ occurredAt: '2026-11-05T07:49:34.827Z' }) } },
      { event: { id: uuidV7(ID_MS), type: 'Timed', data: { at: '1969-12-31T23:59:59.999Z', same: '1970-01-01T00:00:00.000Z' }, metadata: metadataOf({ occurredAt: '9999-12-31T23:59:59.999Z' }) } },
      // A version 4 id: no time to count from.
      { event: { id: randomUUID(), type: 'Timed', data: { at: '2026-11-05T07:49:34.831Z', same: '2026-11-05T07:49:34.828Z' }, metadata: metadataOf() } },
      // A version 7 id in upper case (kept in lower case, as 16 bytes), and after a stream name kept as text.
      { event: { id: uuidV7(ID_MS).toUpperCase(), type: 'Timed', data: { at: '2026-11-05T07:49:34.831Z' }, metadata: metadataOf() } },
      { stream: `order-ORD_${randomUUID().slice(0, 8)}@eu`, event: { id: uuidV7(ID_MS), type: 'Timed', data: { at: '2026-11-05T07:49:34.831Z', list: names }, metadata: metadataOf() } },
      // Names, the same names twice, and lists that are not names.
      { event: { id: uuidV7(ID_MS), type: 'Named', data: { personal: { fields: names, again: [...names] }, one: ['email'] }, metadata: metadataOf() } },
      {
        event: {
          id: uuidV7(ID_MS),
          type: 'Named',
          data: { personal: { fields: ['first name'], again: [] }, one: [1, 'email'], words: ['email', null], nested: [['email']], many: Array.from({ length: 33 }, (_, i) => `f${i}`), dashed: ['e-mail'] },
          metadata: metadataOf(),
        },
      },
    ];
    let store = new SqliteEventStore({ path });
    const category = uniqueCategory();
    const streamOf = (i: number): string => cases[i].stream ?? `${category}-${randomUUID()}`;
    const live = take(store.subscribeToAll({ filter: { categories: [category, 'order'] } }), cases.length, 5_000);
    for (const [i, { event }] of cases.entries()) await store.appendToStream(streamOf(i), [event], 'no_stream');
    const expected = cases.map(({ event }) => ({ id: event.id.toLowerCase(), type: event.type, data: event.data, metadata: event.metadata }));
    const same = (read: RecordedEvent[]): void => {
      expect(read.map(({ id, type, data, metadata }) => ({ id, type, data, metadata }))).toEqual(expected);
      for (const [i, event] of read.entries()) expect(JSON.stringify([event.data, event.metadata])).toBe(JSON.stringify([expected[i].data, expected[i].metadata]));
    };
    same(await live);
    const first = await collect(store.readAll());
    same(first);
    // Whoever reads an event owns its lists: changing one changes no other read.
    (first[5].data.personal as { fields: string[] }).fields.push('changed');
    expect((first[5].data.personal as { again: string[] }).again).toEqual(names);
    same(await collect(store.readAll()));
    await store.close();
    store = new SqliteEventStore({ path });
    same(await collect(store.readAll()));
    await store.close();
  });

  it('reads a list with holes back as JSON keeps it, with nulls', async () => {
    const store = new SqliteEventStore({ path: newFile() });
    try {
      const holes = [, 'email'] as unknown as JsonValue;
      await store.appendToStream(`named-${randomUUID()}`, [{ id: uuidV7(ID_MS), type: 'Holes', data: { fields: holes, blank: new Array(2) as JsonValue }, metadata: metadataOf() }], 'no_stream');
      const [read] = await collect(store.readAll());
      expect(read.data).toEqual({ fields: [null, 'email'], blank: [null, null] });
    } finally {
      await store.close();
    }
  });

  it('keeps an instant near its version 7 id in a few digits and a list of names in the shape, not in the row', async () => {
    const path = newFile();
    const store = new SqliteEventStore({ path });
    const event = { id: uuidV7(ID_MS), type: 'Named', data: { personal: { fields: ['firstName', 'lastName', 'email'] } }, metadata: metadataOf({ occurredAt: '2026-11-05T07:49:34.835Z' }) };
    await store.appendToStream(`named-${randomUUID()}`, [event], 'no_stream');
    await store.close();
    const db = new Database(path, { readonly: true });
    const { data, shape } = db.prepare('SELECT e.data, s.shape FROM events e JOIN event_shapes s ON s.id = e.shape').get() as { data: string; shape: string };
    db.close();
    expect(data).not.toContain(String(ID_MS).slice(0, 6));
    expect(data).not.toContain('firstName');
    expect(JSON.parse(data)).toContain(7);
    expect(shape).toContain('firstName');
  });

  it('keeps lists of names in the row once the log holds a quarter of the shapes it may keep', async () => {
    const path = newFile();
    await new SqliteEventStore({ path }).close();
    const db = new Database(path);
    const addShape = db.prepare('INSERT INTO event_shapes (shape) VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 1024; i++) addShape.run(JSON.stringify(['filler', `Type${i}`, 0]));
    })();
    db.close();
    const store = new SqliteEventStore({ path });
    const event = { id: uuidV7(ID_MS), type: 'Named', data: { fields: ['firstName', 'email'] }, metadata: metadataOf() };
    try {
      await store.appendToStream(`named-${randomUUID()}`, [event], 'no_stream');
      expect((await collect(store.readAll()))[0].data).toEqual(event.data);
    } finally {
      await store.close();
    }
    const reader = new Database(path, { readonly: true });
    const { data } = reader.prepare('SELECT data FROM events').get() as { data: string };
    reader.close();
    expect(JSON.parse(data)).toContainEqual(['firstName', 'email']);
  });

  it('reads a stream and the log page by page, both ways', async () => {
    const store = new SqliteEventStore({ path: newFile(), pageSize: 2 });
    try {
      const stream = streamIn(uniqueCategory());
      const events = Array.from({ length: 5 }, (_, i) => ({ id: randomUUID(), type: 'Paged', data: { i }, metadata: metadataOf() }));
      await store.appendToStream(stream, events, 'no_stream');
      const forwards = await collect(store.readStream(stream));
      expect(forwards.map((e) => [e.revision, e.data.i])).toEqual([[0, 0], [1, 1], [2, 2], [3, 3], [4, 4]]);
      expect((await collect(store.readStream(stream, { direction: 'backwards' }))).map((e) => e.revision)).toEqual([4, 3, 2, 1, 0]);
      expect((await collect(store.readAll())).map((e) => e.id)).toEqual(events.map((e) => e.id));
    } finally {
      await store.close();
    }
  });

  it('lets another connection read the category, type and shape this one added', async () => {
    const path = newFile();
    const writer = new SqliteEventStore({ path });
    const reader = new SqliteEventStore({ path });
    try {
      const category = uniqueCategory();
      await writer.appendToStream(streamIn(category), [{ id: randomUUID(), type: 'Fresh', data: { brandNew: randomUUID() }, metadata: metadataOf() }], 'no_stream');
      const [read] = await collect(reader.readAll({ filter: { categories: [category], eventTypes: ['Fresh'] } }));
      expect(read.type).toBe('Fresh');
      expect(read.streamName.startsWith(`${category}-`)).toBe(true);
    } finally {
      await Promise.all([writer.close(), reader.close()]);
    }
  });

  it('stores a LeadCaptured-like event in a fraction of its JSON', async () => {
    const path = newFile();
    const store = new SqliteEventStore({ path });
    const [capture] = shapes(randomUUID());
    await store.appendToStream(`lead-${capture.event.data.leadId as string}`, [capture.event], 'no_stream');
    await store.close();
    const db = new Database(path, { readonly: true });
    const row = db.prepare('SELECT length(data) + length(bin) + length(id) + length(stream) AS bytes FROM events').get() as { bytes: number };
    db.close();
    const json = JSON.stringify(capture.event).length + capture.event.data.leadId!.toString().length + 'lead-'.length;
    expect(row.bytes).toBeLessThan(json * 0.6);
  });
});
