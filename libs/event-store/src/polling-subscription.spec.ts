import type { RecordedEvent } from './events';
import { pollingSubscription, type PolledPage } from './polling-subscription';

const at = (position: bigint): RecordedEvent => ({
  id: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
  type: 'Happened',
  data: {},
  metadata: { actor: 'a', commandId: 'c', correlationId: 'c', causationId: 'c', occurredAt: '2026-01-01T00:00:00.000Z' },
  streamName: 'thing-1',
  revision: Number(position),
  position,
  recordedAt: new Date(0),
});

describe('pollingSubscription', () => {
  it('continues after what each page searched, not only after the last event it yielded', async () => {
    const asked: bigint[] = [];
    const pages: PolledPage[] = [
      { events: [], through: 50n },
      { events: [at(60n)], through: 75n },
      { events: [at(80n), at(81n)], through: 81n },
    ];
    let closed = false;
    const subscription = pollingSubscription({
      after: 10n,
      readPage: (after) => {
        asked.push(after);
        return pages.shift() ?? { events: [], through: after };
      },
      waitForAppends: async () => {
        if (pages.length === 0) closed = true;
      },
      isClosed: () => closed,
    });
    const received: bigint[] = [];
    for await (const event of subscription) received.push(event.position);
    expect(received).toEqual([60n, 80n, 81n]);
    expect(asked).toEqual([10n, 50n, 75n, 81n]);
  });

  it('never moves back when a page says it searched less far than its events go', async () => {
    const asked: bigint[] = [];
    const pages: PolledPage[] = [{ events: [at(30n)], through: 20n }];
    let closed = false;
    const subscription = pollingSubscription({
      after: 0n,
      readPage: (after) => {
        asked.push(after);
        return pages.shift() ?? { events: [], through: after };
      },
      waitForAppends: async () => {
        closed = true;
      },
      isClosed: () => closed,
    });
    for await (const _ of subscription) void _;
    expect(asked).toEqual([0n, 30n]);
  });
});

describe('pollingSubscription onCaughtUp', () => {
  it('tells how far everything was handed over, once per stretch, only when the consumer asks for more', async () => {
    const told: Array<{ through: bigint; received: bigint[] }> = [];
    const received: bigint[] = [];
    const pages: PolledPage[] = [
      { events: [at(5n), at(6n)], through: 6n },
      { events: [], through: 9n },
      { events: [], through: 9n },
      { events: [at(12n)], through: 14n },
    ];
    let closed = false;
    const subscription = pollingSubscription({
      after: 4n,
      readPage: (after) => pages.shift() ?? { events: [], through: after },
      waitForAppends: async () => {
        if (pages.length === 0) closed = true;
      },
      isClosed: () => closed,
      onCaughtUp: (through) => told.push({ through, received: [...received] }),
    });
    for await (const event of subscription) received.push(event.position);
    expect(told).toEqual([
      { through: 9n, received: [5n, 6n] },
      { through: 14n, received: [5n, 6n, 12n] },
    ]);
  });
});
