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
