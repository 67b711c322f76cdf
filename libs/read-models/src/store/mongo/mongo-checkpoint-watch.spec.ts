import { EventEmitter } from 'node:events';
import type { Db } from 'mongodb';
import { MongoCheckpointWatch } from './mongo-checkpoint-watch';

/** The part of the driver's change stream the watch uses: events, and close(). */
class FakeChangeStream extends EventEmitter {
  closed = false;
  async close(): Promise<void> {
    this.closed = true;
    this.emit('close');
  }
}

/** A database whose `_checkpoints.watch` hands out fake streams, recording each with its pipeline. */
const fakeDb = () => {
  const streams: Array<{ stream: FakeChangeStream; pipeline: unknown }> = [];
  const db = { collection: () => ({ watch: (pipeline: unknown) => {
    const stream = new FakeChangeStream();
    streams.push({ stream, pipeline });
    return stream;
  } }) } as unknown as Db;
  return { db, streams };
};

const until = async (condition: () => boolean, timeoutMs = 2_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('not in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('MongoCheckpointWatch: one change stream on the checkpoints, kept open', () => {
  it('opens one stream for every listener, asking only for the change ids, and tells each listener of a change', () => {
    const { db, streams } = fakeDb();
    const watch = new MongoCheckpointWatch(db, () => undefined);
    let told = 0;
    watch.watch(() => told++);
    watch.watch(() => told++);
    expect(streams).toHaveLength(1);
    expect(JSON.stringify(streams[0].pipeline)).toContain('"$project":{"_id":1}');
    streams[0].stream.emit('change', { _id: 'token' });
    expect(told).toBe(2);
    expect(watch.live).toBe(true);
    watch.close();
  });

  it('gives up for good, saying so once, only where the server has no replica set', () => {
    const { db, streams } = fakeDb();
    const warnings: string[] = [];
    const watch = new MongoCheckpointWatch(db, (message) => warnings.push(message));
    let told = 0;
    watch.watch(() => told++);
    streams[0].stream.emit('error', Object.assign(new Error('The $changeStream stage is only supported on replica sets'), { code: 40573 }));
    watch.watch(() => told++);
    expect(streams).toHaveLength(1);
    expect(watch.live).toBe(false);
    expect(warnings).toHaveLength(1);
    expect(told).toBe(1);
  });

  it.each([
    ['fails', (stream: FakeChangeStream) => stream.emit('error', Object.assign(new Error('not primary'), { code: 10107 }))],
    ['closes', (stream: FakeChangeStream) => stream.emit('close')],
  ])('tells every listener and opens the stream again when it %s', async (_, end) => {
    const { db, streams } = fakeDb();
    const watch = new MongoCheckpointWatch(db, () => undefined);
    let told = 0;
    watch.watch(() => told++);
    end(streams[0].stream);
    expect(told).toBe(1);
    expect(watch.live).toBe(false);
    await until(() => streams.length === 2);
    expect(watch.live).toBe(true);
    streams[1].stream.emit('change', { _id: 'token' });
    expect(told).toBe(2);
    watch.close();
  });
});
