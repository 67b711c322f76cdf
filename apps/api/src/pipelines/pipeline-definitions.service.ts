import { Injectable } from '@nestjs/common';
import { ReadModelsAsOf, StreamFacts } from '@crm/application';
import { DEFAULT_PIPELINE_ID, NotFoundError } from '@crm/domain';
import { PIPELINE_DEFINITIONS, withDefaultPipeline, type PipelineDefinitionDoc } from '@crm/read-models';
import type { RequestContext } from '../auth/request-user';
import { oncePerRequest } from '../graph/request-loaders';
import { ReadModelsService } from '../shared/read-models.service';

/** Default first, then by name: the order people meet them in. */
const byDefaultThenName = (docs: PipelineDefinitionDoc[]): PipelineDefinitionDoc[] =>
  docs.sort((a, b) => Number(b.id === DEFAULT_PIPELINE_ID) - Number(a.id === DEFAULT_PIPELINE_ID) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));

/**
 * Pipeline definitions as the API reads them: every pipeline now (a handful of small documents, kept
 * until that read model changes), or one as it stood at an instant (replayed from its stream). Within
 * a request each is read once, however many opportunities ask for their stage's meaning. A pipeline
 * its read model does not show yet (that projection behind the opportunities', or rebuilding) is read
 * from its stream, so an opportunity never lacks the meaning of its stage.
 */
@Injectable()
export class PipelineDefinitions {
  constructor(
    private readonly readModels: ReadModelsService,
    private readonly replays: ReadModelsAsOf,
    private readonly facts: StreamFacts,
  ) {}

  /** Every pipeline, the default one included even before anyone revised it. */
  all(): Promise<PipelineDefinitionDoc[]> {
    return this.readModels.answer(PIPELINE_DEFINITIONS, 'all', async (collection) =>
      byDefaultThenName(withDefaultPipeline(await this.readModels.findAllIn<PipelineDefinitionDoc>(collection, {}))),
    );
  }

  /** One pipeline now, or as it stood at `asOf`; null when there is (or was) no such pipeline. */
  find(request: RequestContext, id: string, asOf?: Date): Promise<PipelineDefinitionDoc | null> {
    const key = id.trim().toLowerCase();
    if (asOf === undefined) return oncePerRequest(request, 'pipelines:now', (wanted) => this.current(wanted)).load(key);
    return oncePerRequest(request, `pipelines:${asOf.toISOString()}`, (wanted) => this.replays.pipelineDefinition(wanted, asOf)).load(key);
  }

  /**
   * What an opportunity's stage is read against: its pipeline as of the instant it is read as of, or
   * as it is now when that instant is before the pipeline was defined (a back-dated opportunity).
   */
  async forOpportunity(request: RequestContext, pipelineId: string, asOf?: Date): Promise<PipelineDefinitionDoc> {
    const then = asOf === undefined ? null : await this.find(request, pipelineId, asOf);
    const found = then ?? (await this.find(request, pipelineId));
    if (found === null) throw new NotFoundError('Pipeline', pipelineId);
    return found;
  }

  private async current(id: string): Promise<PipelineDefinitionDoc | null> {
    const shown = (await this.all()).find((doc) => doc.id === id);
    if (shown !== undefined) return shown;
    const { definition, revision } = await this.facts.pipelineAt(id);
    if (definition === null) return null;
    const { pipelineId, name, archived, stages } = definition;
    return { id: pipelineId, name, archived, stages: [...stages], createdAt: null, updatedAt: null, revision: revision ?? -1 };
  }
}
