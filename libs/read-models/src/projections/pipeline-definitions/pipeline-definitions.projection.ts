import { PIPELINE_EVENT_TYPES, isPipelineEvent, type PipelineEvent } from '@crm/domain';
import type { RecordedEvent } from '@crm/event-store';
import type { DocKey, Projection, ProjectionDocs } from '../projection';
import { occurredAt } from '../projection-helpers';
import { evolvePipelineDefinitionDoc, type PipelineDefinitionDoc } from './pipeline-definition-doc';

export const PIPELINE_DEFINITIONS = 'pipeline_definitions';

/** The category of pipeline streams (`pipeline-<uuid>`): the text before the first dash. */
export const PIPELINE_STREAM_CATEGORY = 'pipeline';

const pipelineEventOf = (event: RecordedEvent): PipelineEvent | null =>
  isPipelineEvent(event) ? ({ type: event.type, data: event.data } as PipelineEvent) : null;

function prefetch(event: RecordedEvent): DocKey[] {
  const change = pipelineEventOf(event);
  return change === null ? [] : [{ collection: PIPELINE_DEFINITIONS, id: change.data.pipelineId }];
}

function apply(event: RecordedEvent, docs: ProjectionDocs): void {
  const change = pipelineEventOf(event);
  if (change === null) return;
  const { pipelineId } = change.data;
  const doc = docs.get<PipelineDefinitionDoc>(PIPELINE_DEFINITIONS, pipelineId);
  // Events of one stream come in order: one the document already reflects changes nothing.
  if (doc !== null && doc.revision >= event.revision) return;
  const next = evolvePipelineDefinitionDoc(doc, change, occurredAt(event), event.revision);
  if (next === null) throw new Error(`${event.type} at ${event.streamName}@${event.revision} comes before the pipeline was defined`);
  docs.put(PIPELINE_DEFINITIONS, next);
}

/**
 * Every pipeline as it stands, one document each, for the definitions queries and for what the
 * opportunities and the pipeline summary compute from a stage (its name, probability, forecast
 * category). The default pipeline has no document until its stream has an event:
 * `withDefaultPipeline` / `pipelineDefinitionDocOf` add it.
 */
export const pipelineDefinitionsProjection: Projection = {
  name: 'pipeline_definitions',
  version: 1,
  collections: { [PIPELINE_DEFINITIONS]: [{ fields: [{ field: 'name' }] }] },
  filter: { categories: [PIPELINE_STREAM_CATEGORY], eventTypes: PIPELINE_EVENT_TYPES },
  prefetch,
  apply,
};
