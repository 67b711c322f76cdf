import type { RebuildResult } from './rebuilder';
import { rebuildQueue } from './rebuild-queue';

const result = (name: string): RebuildResult => ({ projections: [name], events: 1, position: 1n, seconds: 1, eventsPerSecond: 1, peakHeldBytes: 0, evictions: 0, collections: 0 });

describe('the queue of a rebuild on threads', () => {
  it('hands out the projections in the order given, then nothing', () => {
    const queue = rebuildQueue(['leads', 'accounts']);
    expect([queue.take(), queue.take(), queue.take()]).toEqual(['leads', 'accounts', undefined]);
  });

  it('hands out nothing more once a projection has failed, and keeps what was rebuilt', () => {
    const queue = rebuildQueue(['leads', 'accounts', 'contacts']);
    queue.take();
    queue.rebuilt(result('leads'));
    queue.take();
    const failure = new Error('disk full');
    queue.failed(failure);
    expect(queue.take()).toBeUndefined();
    expect(queue.results.map(({ projections }) => projections[0])).toEqual(['leads']);
    expect(queue.failures).toEqual([failure]);
  });
});
