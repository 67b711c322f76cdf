import type { Projection } from '../projection';
import { acme, registered } from './domain-events.fixtures';
import { EventLog } from './event-log.fixtures';
import { ProjectionTestKit } from './projection-test-kit';

/**
 * A put marked `unstored` is written by the projector without the read that would tell an event
 * applied before, on the projection's word: the kit checks that word, so a projection's tests fail
 * when it gives it for a document that is stored.
 */
describe('projection test kit', () => {
  const events = () => {
    const log = new EventLog();
    return [log.record(registered(acme, 'Acme')), log.record(registered(acme, 'Acme again'))];
  };
  const putting = (id: (position: number) => string): Projection => ({
    name: 'notes',
    version: 1,
    collections: { notes: [] },
    prefetch: () => [],
    apply: (event, docs) => docs.put('notes', { id: id(Number(event.position)), type: event.type }, { unstored: true }),
  });

  it('takes a document put as unstored when none has its id', async () => {
    const kit = await new ProjectionTestKit(putting((position) => `note-${position}`)).run(events());
    expect(kit.docs('notes').map((doc) => doc.id)).toEqual(['note-1', 'note-2']);
  });

  it('fails a projection that puts a stored document as unstored', async () => {
    await expect(new ProjectionTestKit(putting(() => 'note')).run(events())).rejects.toThrow('notes/note is put as unstored, but it is stored');
  });
});
