import type { PipelineQuery } from '@crm/read-models';
import { DEFAULT_PIPELINE_ID } from '@crm/domain';
import type { PipelineFilter } from './pipeline.types';

/** The read side's question for a `PipelineFilter`: ids lower case, currency upper case. */
export const pipelineQueryOf = (filter: PipelineFilter | undefined): PipelineQuery => ({
  pipelineId: filter?.pipelineId?.toLowerCase() ?? DEFAULT_PIPELINE_ID,
  ownerId: filter?.ownerId,
  closeDateFrom: filter?.closeFrom,
  closeDateTo: filter?.closeTo,
  currency: filter?.currency?.toUpperCase(),
});
