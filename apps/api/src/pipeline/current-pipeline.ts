import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@crm/domain';
import { pipelineDefinitionOf, pipelineFilterFor, pipelineIdOf, summarisePipeline, type PipelineDoc, type PipelineQuery } from '@crm/read-models';
import type { RequestContext } from '../auth/request-user';
import { definitionNode } from '../pipelines/pipeline-definition.resolver';
import { PipelineDefinitions } from '../pipelines/pipeline-definitions.service';
import { ReadModelsService } from '../shared/read-models.service';
import type { Pipeline } from './pipeline.types';

/**
 * The pipeline as the read models show it now, for the `pipeline` query and the `pipelineChanged`
 * subscription alike. Answered from pre-aggregated documents (by pipeline and stage, owner and close
 * month, per currency): the coarsest grain that covers the filter is read and summed, so the cost
 * does not grow with the number of opportunities. Stage names, order and probabilities come from the
 * pipeline's definition, so the answer is kept per question and definition revision until a batch
 * changes the read model.
 */
@Injectable()
export class CurrentPipeline {
  constructor(
    private readonly readModels: ReadModelsService,
    private readonly definitions: PipelineDefinitions,
  ) {}

  async answer(request: RequestContext, query: PipelineQuery): Promise<Pipeline> {
    const pipelineId = pipelineIdOf(query);
    const definition = await this.definitions.find(request, pipelineId);
    if (definition === null) throw new NotFoundError('Pipeline', pipelineId);
    const key = `pipeline ${definition.revision} ${JSON.stringify(query)}`;
    const stages = await this.readModels.answer('pipeline', key, async (collection) => {
      const docs = await this.readModels.findAllIn<PipelineDoc>(collection, pipelineFilterFor(query));
      return summarisePipeline(docs, pipelineDefinitionOf(definition), query);
    });
    return { pipeline: definitionNode(definition), stages };
  }
}
