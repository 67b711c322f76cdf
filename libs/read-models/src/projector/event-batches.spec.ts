import type { RecordedEvent } from '@crm/event-store';
import { eventBatches } from './event-batches';

const event = (position: number): RecordedEvent => ({ position: BigInt(position) }) as RecordedEvent;

/** A source that yields `burst` events at once, then pauses longer than the batching wait. */
async function* bursts(sizes: number[], pauseMs: number): AsyncGenerator<RecordedEvent> {
  let position = 0;
  for (const size of sizes) {
    for (let i = 0; i < size; i++) yield event(++position);
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
}

describe('eventBatches', () => {
  it('cuts at maxSize and at idle gaps, losing and reordering nothing', async () => {
    const batches: number[][] = [];
    for await (const batch of eventBatches(bursts([5, 2, 7], 30), { maxSize: 4, maxWaitMs: 5 })) batches.push(batch.map((e) => Number(e.position)));
    expect(batches.map((b) => b.length)).toEqual([4, 1, 2, 4, 3]);
    expect(batches.flat()).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
  });
});
