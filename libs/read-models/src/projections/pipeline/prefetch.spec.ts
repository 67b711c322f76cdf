import type { RecordedEvent } from '@crm/event-store';
import { captured, lead, qualified } from '../lead-funnel/lead-events.fixtures';
import { LEADS, leadsProjection } from '../leads/leads.projection';
import { matchesFilter } from '../../projector/projection-target';
import type { Projection, ProjectionDocs } from '../projection';
import { acme, assigned, deal, opened, registered, revised, stageChanged } from '../testing/domain-events.fixtures';
import { EventLog } from '../testing/event-log.fixtures';
import { PIPELINE_OPPORTUNITIES, pipelineProjection } from './pipeline.projection';
import { ProjectionTestKit } from '../testing/projection-test-kit';
import { workloadEvents } from './workload-events.fixtures';

const key = (collection: string, id: string): string => `${collection}/${id}`;

/**
 * The projection, failing when `apply` touches a document of `collection` that `prefetch` did not
 * name or leaves a named one untouched: the projector reads the named ones for a whole batch, and
 * each one `apply` asks for beyond them costs it another run of `apply` after a read.
 */
function prefetchChecked(projection: Projection, collection: string): Projection {
  const apply = (event: RecordedEvent, docs: ProjectionDocs): void => {
    const named = new Set(projection.prefetch(event).map((doc) => key(doc.collection, doc.id)));
    const touched = new Set<string>();
    const touch = (c: string, id: string): void => {
      if (c !== collection) return;
      if (!named.has(key(c, id))) throw new Error(`${event.type} touched ${key(c, id)} without prefetching it`);
      touched.add(key(c, id));
    };
    projection.apply(event, {
      get: (c, id) => {
        touch(c, id);
        return docs.get(c, id);
      },
      put: (c, doc) => {
        touch(c, doc.id);
        docs.put(c, doc);
      },
    });
    expect([...named].filter((name) => !touched.has(name))).toEqual([]);
  };
  return { ...projection, apply };
}

describe('prefetch', () => {
  const events = workloadEvents(3_000, 3);

  it.each<[string, Projection, string]>([
    ['pipeline', pipelineProjection, PIPELINE_OPPORTUNITIES],
    ['leads (and their funnel)', leadsProjection, LEADS],
  ])('of the %s names exactly the entity documents apply reads and writes', async (_name, projection, collection) => {
    // The projector hands a projection only the events of its filter.
    const kit = await new ProjectionTestKit(prefetchChecked(projection, collection)).run(events.filter(matchesFilter(projection.filter)));
    expect(kit.docs(collection).length).toBeGreaterThan(50);
  });

  it('names the opportunity document for a pipeline change, nothing for other events', () => {
    const [account, open, stage, rename, reassign] = new EventLog().recordAll([
      registered(acme, 'Acme'),
      opened(),
      stageChanged('PROSPECTING', 'PROPOSAL'),
      revised({ name: 'Renamed' }),
      assigned('rep-2', 'rep-1'),
    ]);
    const helper = [{ collection: PIPELINE_OPPORTUNITIES, id: deal }];
    expect([account, open, stage, rename, reassign].map((event) => pipelineProjection.prefetch(event))).toEqual([[], helper, helper, [], helper]);
  });

  it('names the lead document for a funnel step', () => {
    const [capture, qualify] = new EventLog().recordAll([captured(lead(1)), qualified(lead(1), 'NEW')]);
    const helper = [{ collection: LEADS, id: lead(1) }];
    expect([capture, qualify].map((event) => leadsProjection.prefetch(event))).toEqual([helper, helper]);
  });
});
