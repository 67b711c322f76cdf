import type { Projection } from './projection';
import { leadsProjection } from './leads/leads.projection';
import { contactsProjection } from './contacts/contacts.projection';
import { accountsProjection } from './accounts/accounts.projection';
import { opportunitiesProjection } from './opportunities/opportunities.projection';
import { pipelineProjection } from './pipeline/pipeline.projection';
import { membershipsProjection } from './memberships/memberships.projection';
import { pipelineDefinitionsProjection } from './pipeline-definitions/pipeline-definitions.projection';
import { opportunityTimelineProjection } from './opportunity-timeline/opportunity-timeline.projection';

/** Every projection the projector runs, in one place; names and logical collections are unique. */
export const ALL_PROJECTIONS: readonly Projection[] = [
  leadsProjection,
  contactsProjection,
  accountsProjection,
  opportunitiesProjection,
  pipelineProjection,
  membershipsProjection,
  pipelineDefinitionsProjection,
  opportunityTimelineProjection,
];

export class UnknownProjectionError extends Error {
  constructor(name: string, known: readonly Projection[]) {
    super(`Unknown projection ${name}; known: ${known.map((p) => p.name).join(', ')}`);
    this.name = 'UnknownProjectionError';
  }
}

export const projectionNamed = (name: string, projections: readonly Projection[] = ALL_PROJECTIONS): Projection => {
  const found = projections.find((projection) => projection.name === name);
  if (found === undefined) throw new UnknownProjectionError(name, projections);
  return found;
};

/** The projection owning a logical collection (readers resolve collections, not projections). */
export const projectionOfCollection = (collection: string, projections: readonly Projection[] = ALL_PROJECTIONS): Projection | undefined =>
  projections.find((projection) => Object.hasOwn(projection.collections, collection));

/**
 * The projections from the longest rebuild to the shortest (each alone from the projections bench's
 * 1,000,000 events: leads 10.1 s, the opportunity timeline 7.2, opportunities 6.3, accounts 5.5,
 * pipeline 5.0, contacts 2.6, memberships 1.8, pipeline definitions under 0.1), so that threads taking
 * them in turn (`rebuildOnThreads`) finish close together. Names not listed come last.
 */
const REBUILD_ORDER = ['leads', 'opportunity_timeline', 'opportunities', 'accounts', 'pipeline', 'contacts', 'memberships', 'pipeline_definitions'];

export const longestRebuildFirst = (names: readonly string[]): string[] => {
  const rank = (name: string): number => (REBUILD_ORDER.includes(name) ? REBUILD_ORDER.indexOf(name) : REBUILD_ORDER.length);
  return [...names].sort((a, b) => rank(a) - rank(b));
};
