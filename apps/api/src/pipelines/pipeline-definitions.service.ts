import { Injectable } from '@nestjs/common';
import { ReadModelsAsOf } from '@crm/application';
import { DEFAULT_PIPELINE_ID } from '@crm/domain';
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
 * a request each is read once, however many opportunities ask for their stage's meaning.
 */
@Injectable()
export class PipelineDefinitions {
  constructor(
    private readonly readModels: ReadModelsService,
    private readonly replays: ReadModelsAsOf,
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

  private async current(id: string): Promise<PipelineDefinitionDoc | null> {
    return (await this.all()).find((doc) => doc.id === id) ?? null;
  }
}
