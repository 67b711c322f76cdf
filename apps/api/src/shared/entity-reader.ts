import { Injectable } from '@nestjs/common';
import type { StreamType } from '@crm/domain';
import { assertAuditor } from '../auth/assert-auditor';
import type { RequestContext } from '../auth/request-user';
import { GraphReader } from '../graph/graph-reader';

/**
 * One entity by id: from its read model now, or (auditors only) as it stood at an instant, every
 * field computed as of then; its links and nested connections follow the same instant.
 */
@Injectable()
export class EntityReader {
  constructor(private readonly graph: GraphReader) {}

  async find<N>(entity: { stream: StreamType; id: string }, asOf: Date | undefined, request: RequestContext): Promise<N | null> {
    if (asOf) assertAuditor(request);
    return this.graph.node<N>(request, entity.stream, entity.id, asOf);
  }
}
