import { Injectable } from '@nestjs/common';
import { HistoryService } from '@crm/application';
import type { StreamType } from '@crm/domain';
import { assertAuditor } from '../auth/assert-auditor';
import type { RequestContext } from '../auth/request-user';
import { ReadModelsService } from './read-models.service';

/**
 * One entity by id: from its read model now, or (auditors only) replayed from its own stream up to
 * an instant, in the read model's shape.
 */
@Injectable()
export class EntityReader {
  constructor(
    private readonly readModels: ReadModelsService,
    private readonly history: HistoryService,
  ) {}

  async find<S, N>(
    entity: { readModel: string; stream: StreamType; id: string },
    asOf: Date | undefined,
    request: RequestContext,
    fromState: (state: S, revision: number) => N | null,
  ): Promise<N | null> {
    if (!asOf) return this.readModels.get<N>(entity.readModel, entity.id);
    assertAuditor(request);
    const replayed = await this.history.stateAsOf(entity.stream, entity.id, asOf);
    return replayed ? fromState(replayed.state as S, replayed.revision) : null;
  }
}
