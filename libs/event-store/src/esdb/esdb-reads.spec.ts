import type { AllStreamResolvedEvent, EventStoreDBClient, ReadAllOptions } from '@eventstore/db-client';
import { isSystemEvent } from './esdb-filter';
import { drain, scanAll } from './esdb-reads';

const LOG = [
  { position: 10n, streamId: '$users', type: '$UserCreated' },
  { position: 20n, streamId: 'lead-1', type: 'Opened' },
  { position: 30n, streamId: 'lead-2', type: 'Opened' },
  { position: 40n, streamId: 'lead-1', type: 'Closed' },
  { position: 50n, streamId: '$ce-lead', type: '$>' },
];

/** Reads $all as the server does: forwards from a position includes it, backwards from one excludes it. */
class FakeAllReader {
  readonly calls: ReadAllOptions[] = [];
  cancelled = 0;

  readAll = ((options: ReadAllOptions = {}) => {
    this.calls.push(options);
    const backwards = options.direction === 'backwards';
    const from = options.fromPosition;
    const ordered = backwards ? [...LOG].reverse() : LOG;
    const selected = ordered
      .filter((e) => typeof from !== 'object' || (backwards ? e.position < from.commit : e.position >= from.commit))
      .slice(0, Number(options.maxCount ?? Infinity))
      .map((e): AllStreamResolvedEvent => ({ event: { ...e, position: { commit: e.position, prepare: e.position } } as never }));
    return {
      [Symbol.asyncIterator]: async function* () {
        yield* selected;
      },
      cancel: async () => {
        this.cancelled += 1;
      },
    };
  }) as unknown as EventStoreDBClient['readAll'];
}

const positions = async (iterable: AsyncIterable<{ position: { commit: bigint } }>): Promise<bigint[]> => {
  const seen: bigint[] = [];
  for await (const event of iterable) seen.push(event.position.commit);
  return seen;
};

describe('paged $all scan', () => {
  it('reads forwards page by page without repeating the inclusive start of each page', async () => {
    const reader = new FakeAllReader();
    expect(await positions(scanAll(reader, 'forwards', undefined, 2))).toEqual([10n, 20n, 30n, 40n, 50n]);
    const at = (commit: bigint) => ({ commit, prepare: commit });
    expect(reader.calls.map((c) => c.fromPosition)).toEqual(['start', at(20n), at(30n), at(40n), at(50n)]);
  });

  it('starts strictly after the given position', async () => {
    expect(await positions(scanAll(new FakeAllReader(), 'forwards', 30n, 2))).toEqual([40n, 50n]);
  });

  it('reads backwards from the end', async () => {
    expect(await positions(scanAll(new FakeAllReader(), 'backwards', undefined, 2))).toEqual([50n, 40n, 30n, 20n, 10n]);
  });

  it('finds the newest non-system event for the head and cancels the rest of the read', async () => {
    const reader = new FakeAllReader();
    let head: bigint | undefined;
    for await (const event of scanAll(reader, 'backwards', undefined, 1000)) {
      if (!isSystemEvent(event)) {
        head = event.position.commit;
        break;
      }
    }
    expect(head).toBe(40n);
    expect(reader.cancelled).toBe(1);
  });

  it('does not cancel a read that ran to its end', async () => {
    let cancelled = false;
    const read = {
      [Symbol.asyncIterator]: async function* () {
        yield 1;
      },
      cancel: async () => {
        cancelled = true;
      },
    };
    const items: number[] = [];
    for await (const item of drain(read)) items.push(item);
    expect(items).toEqual([1]);
    expect(cancelled).toBe(false);
  });
});
