import { collect, newEvent, streamIn, uniqueCategory } from '../contract/fixtures';
import { EventSerializer, type SerializedEvent } from '../serializer';
import { SqliteEventStore } from './sqlite-event-store';

/** An old shape stored before `name` was split into first and last name. */
const splitName = {
  eventType: 'ContactAddedV1',
  upcast: (event: SerializedEvent): SerializedEvent => {
    const [firstName, ...rest] = String(event.data.name).split(' ');
    const { name: _name, ...data } = event.data;
    return { ...event, type: 'ContactAdded', data: { ...data, firstName, lastName: rest.join(' ') } };
  },
};

/** A stand-in for field encryption: reversible, applied on the way in and undone on the way out. */
const reversed = {
  onWrite: (event: SerializedEvent): SerializedEvent => ({ ...event, data: { ...event.data, email: [...String(event.data.email ?? '')].reverse().join('') } }),
  onRead: (event: SerializedEvent): SerializedEvent => ({ ...event, data: { ...event.data, email: [...String(event.data.email ?? '')].reverse().join('') } }),
};

describe('events pass through one serializer in and out of the SQLite adapter', () => {
  it('upcasts an old stored shape to the current one on every read path', async () => {
    const store = new SqliteEventStore({ path: ':memory:', serializer: new EventSerializer([splitName]) });
    const category = uniqueCategory();
    const stream = streamIn(category);
    await store.appendToStream(stream, [newEvent('ContactAddedV1', { name: 'Anna de Wit' }), newEvent('ContactMoved', { to: 'x' })], 'no_stream');
    const expected = [{ type: 'ContactAdded', data: { firstName: 'Anna', lastName: 'de Wit' } }, { type: 'ContactMoved', data: { to: 'x' } }];
    expect((await collect(store.readStream(stream))).map(({ type, data }) => ({ type, data }))).toEqual(expected);
    expect((await collect(store.readAll({ filter: { categories: [category] } }))).map(({ type, data }) => ({ type, data }))).toEqual(expected);
    await store.close();
  });

  it('applies a storage transform on write and undoes it on read', async () => {
    const serializer = new EventSerializer([], [reversed]);
    const store = new SqliteEventStore({ path: ':memory:', serializer });
    const stream = streamIn(uniqueCategory());
    await store.appendToStream(stream, [newEvent('LeadCaptured', { email: 'anna@example.nl' })], 'no_stream');
    const [read] = await collect(store.readStream(stream));
    expect(read.data.email).toBe('anna@example.nl');
    const raw = (store as unknown as { db: { prepare(sql: string): { pluck(): { get(): string } } } }).db.prepare('SELECT data FROM events').pluck().get();
    expect(raw).toContain('"ln.elpmaxe@anna"');
    expect(raw).not.toContain('anna@example.nl');
    await store.close();
  });
});
