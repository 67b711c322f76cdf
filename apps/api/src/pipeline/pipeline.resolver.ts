import { Args, Context, Query, Resolver } from '@nestjs/graphql';
import { PipelineReports } from '@crm/application';
import { NotFoundError } from '@crm/domain';
import { pipelineDefinitionOf, pipelineFilterFor, pipelineIdOf, summarisePipeline, type PipelineDoc } from '@crm/read-models';
import type { RequestContext } from '../auth/request-user';
import { READERS, Roles } from '../auth/roles.decorator';
import { FILTER } from '../graphql/argument-descriptions';
import { pipelineQueryOf } from './pipeline-query';
import { PipelineDefinitions } from '../pipelines/pipeline-definitions.service';
import { definitionNode } from '../pipelines/pipeline-definition.resolver';
import { ReadModelsService } from '../shared/read-models.service';
import { Pipeline, PipelineFilter } from './pipeline.types';

const PIPELINE_AS_OF =
  'The pipeline as it stood at this instant (business time), each opportunity as it was then, its stages weighted by the probabilities defined then; ' +
  'read from the opportunities\' timelines, never by replaying the log. Omit it for now.';

/**
 * Answered from pre-aggregated documents (by pipeline and stage, owner and close month, per
 * currency): the coarsest grain that covers the filter is read and summed, so the cost does not grow
 * with the number of opportunities. Stage names, order and probabilities come from the pipeline's
 * definition, so the answer is kept per question and definition revision until a batch changes the
 * read model.
 */
@Resolver()
@Roles(...READERS)
export class PipelineResolver {
  constructor(
    private readonly readModels: ReadModelsService,
    private readonly definitions: PipelineDefinitions,
    private readonly reports: PipelineReports,
  ) {}

  @Query(() => Pipeline, { description: 'Opportunities per stage of one pipeline (the default one unless named), with their amounts per currency (rep, manager, auditor, analyst, admin).' })
  async pipeline(
    @Context() request: RequestContext,
    @Args('filter', { type: () => PipelineFilter, nullable: true, description: FILTER }) filter?: PipelineFilter,
    @Args('asOf', { type: () => Date, nullable: true, description: PIPELINE_AS_OF }) asOf?: Date,
  ): Promise<Pipeline> {
    const query = pipelineQueryOf(filter);
    if (asOf !== undefined && asOf !== null) {
      const then = await this.reports.pipelineAt(query, asOf);
      return { pipeline: definitionNode(then.definition), stages: then.stages };
    }
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
