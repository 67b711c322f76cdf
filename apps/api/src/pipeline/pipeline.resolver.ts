import { Args, Query, Resolver } from '@nestjs/graphql';
import { DEFAULT_PIPELINE } from '@crm/domain';
import { pipelineFilterFor, summarisePipeline, type PipelineDoc, type PipelineQuery } from '@crm/read-models';
import { READERS, Roles } from '../auth/roles.decorator';
import { FILTER } from '../graphql/argument-descriptions';
import { ReadModelsService } from '../shared/read-models.service';
import { Pipeline, PipelineFilter } from './pipeline.types';

/**
 * Answered from pre-aggregated documents (by stage, owner and close month, per currency): the
 * coarsest grain that covers the filter is read and summed, so the cost does not grow with the
 * number of opportunities. The answer is kept per question until a batch changes the read model.
 */
@Resolver()
@Roles(...READERS)
export class PipelineResolver {
  constructor(private readonly readModels: ReadModelsService) {}

  @Query(() => Pipeline, { description: 'Opportunities per stage of the default pipeline, with their amounts per currency (rep, manager, auditor, analyst, admin).' })
  async pipeline(@Args('filter', { type: () => PipelineFilter, nullable: true, description: FILTER }) filter?: PipelineFilter): Promise<Pipeline> {
    const query: PipelineQuery = {
      ownerId: filter?.ownerId,
      closeDateFrom: filter?.closeFrom,
      closeDateTo: filter?.closeTo,
      currency: filter?.currency?.toUpperCase(),
    };
    return this.readModels.answer('pipeline', `pipeline ${JSON.stringify(query)}`, async (collection) => {
      const docs = await this.readModels.findAllIn<PipelineDoc>(collection, pipelineFilterFor(query));
      return { stages: summarisePipeline(docs, DEFAULT_PIPELINE, query) as unknown as Pipeline['stages'] };
    });
  }
}
