import type { OpportunityEvent } from '@crm/domain';
import type { RecordedEvent } from '@crm/event-store';
import type { Doc } from '../../store/read-store.port';
import { docKey, type DocKey, type Projection, type ProjectionLookup } from '../projection';
import { versionBefore, versionDocsIn, versionId, versionKeys, withVersions, writeVersion } from './contribution-versions';
import { opportunityEventOf, uniqueKeys } from './domain-event';
import { addContribution, aggregateSlots, emptyAggregate, type PipelineDoc } from './pipeline-aggregate';
import {
  contributionInSlot,
  nextContribution,
  pipelineEventChangesContribution,
  slotOf,
  type PipelineContribution,
} from './pipeline-contribution';

export const PIPELINE = 'pipeline';
export const PIPELINE_OPPORTUNITIES = 'pipeline_opportunities';

/** One version of an opportunity's contribution, in force from `revision` of its stream. */
export type PipelineOpportunityDoc = PipelineContribution & { id: string; opportunityId: string; revision: number };

const versionDoc = (opportunityId: string, revision: number, c: PipelineContribution): PipelineOpportunityDoc => ({
  id: versionId(opportunityId, revision, slotOf(c)),
  opportunityId,
  revision,
  ...c,
});

function contributionOf(doc: PipelineOpportunityDoc | null): PipelineContribution | null {
  if (doc === null) return null;
  const { stage, ownerId, closeMonth, currency, amount, weightedAmount } = doc;
  return { stage, ownerId, closeMonth, currency, amount, weightedAmount };
}

const aggregateKeys = (c: PipelineContribution | null): DocKey[] =>
  c === null ? [] : aggregateSlots(c).map(({ id }) => ({ collection: PIPELINE, id }));

function keys(event: RecordedEvent, lookup: ProjectionLookup): DocKey[] | Promise<DocKey[]> {
  const domainEvent = opportunityEventOf(event);
  if (domainEvent === null || !pipelineEventChangesContribution(domainEvent)) return [];
  const { opportunityId } = domainEvent.data;
  const entity = { field: 'opportunityId', id: opportunityId, revision: event.revision };
  return withVersions(lookup, PIPELINE_OPPORTUNITIES, entity, (versions) => {
    const beforeRef = versionBefore(versions, event.revision);
    const before = beforeRef === null ? null : contributionInSlot(beforeRef.slot);
    const after = nextContribution(before, domainEvent);
    const newId = after === null ? null : versionId(opportunityId, event.revision, slotOf(after));
    const versionDocs = versionKeys(PIPELINE_OPPORTUNITIES, versions, event.revision, newId);
    return uniqueKeys([...versionDocs, ...aggregateKeys(before), ...aggregateKeys(after)]);
  });
}

/** Subtracts the old contribution from its aggregates and adds the new one: a move when the slot changed. */
function moveContribution(
  out: Map<string, Doc | null>,
  docs: ReadonlyMap<string, Doc | null>,
  change: { before: PipelineContribution | null; after: PipelineContribution },
): void {
  const steps: Array<[PipelineContribution, 1 | -1]> = [[change.after, 1]];
  if (change.before !== null) steps.unshift([change.before, -1]);
  for (const [contribution, sign] of steps) {
    for (const slot of aggregateSlots(contribution)) {
      const key = docKey(PIPELINE, slot.id);
      // Only documents `keys` asked for were loaded; writing any other would overwrite unseen sums.
      if (!docs.has(key)) continue;
      const current = (out.get(key) ?? docs.get(key) ?? emptyAggregate(slot)) as PipelineDoc;
      out.set(key, addContribution(current, contribution, sign));
    }
  }
}

function apply(event: RecordedEvent, docs: ReadonlyMap<string, Doc | null>): Map<string, Doc | null> {
  const out = new Map<string, Doc | null>();
  const domainEvent: OpportunityEvent | null = opportunityEventOf(event);
  if (domainEvent === null || !pipelineEventChangesContribution(domainEvent)) return out;
  const versions = versionDocsIn<PipelineOpportunityDoc>(docs, PIPELINE_OPPORTUNITIES);
  const before = contributionOf(versionBefore(versions, event.revision));
  const after = nextContribution(before, domainEvent);
  if (after === null) return out;
  const { opportunityId } = domainEvent.data;
  writeVersion(out, PIPELINE_OPPORTUNITIES, versions, versionDoc(opportunityId, event.revision, after));
  moveContribution(out, docs, { before, after });
  return out;
}

/**
 * Pipeline sums per stage at four grains (stage; +owner; +close month; +owner +close month), per
 * currency, so the `pipeline` query reads a few dozen small documents instead of every opportunity.
 */
export const pipelineProjection: Projection = {
  name: 'pipeline',
  version: 1,
  collections: {
    [PIPELINE]: [
      { fields: [{ field: 'grain' }, { field: 'ownerId' }, { field: 'closeMonth' }] },
      { fields: [{ field: 'grain' }, { field: 'closeMonth' }] },
      { fields: [{ field: 'grain' }, { field: 'currency' }] },
    ],
    [PIPELINE_OPPORTUNITIES]: [{ fields: [{ field: 'opportunityId' }] }],
  },
  filter: { categories: ['opportunity'] },
  keys,
  apply,
};
