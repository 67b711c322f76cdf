import type { RecordedEvent } from '@crm/event-store';
import { captured, lead, qualified } from '../lead-funnel/lead-events.fixtures';
import { LEAD_FUNNEL_LEADS, leadFunnelProjection } from '../lead-funnel/lead-funnel.projection';
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
    ['lead funnel', leadFunnelProjection, LEAD_FUNNEL_LEADS],
  ])('of the %s names exactly the entity documents apply reads and writes', async (_name, projection, collection) => {
    const kit = await new ProjectionTestKit(prefetchChecked(projection, collection)).run(events);
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
    const helper = [{ collection: LEAD_FUNNEL_LEADS, id: lead(1) }];
    expect([capture, qualify].map((event) => leadFunnelProjection.prefetch(event))).toEqual([helper, helper]);
  });
});
