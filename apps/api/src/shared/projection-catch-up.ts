import { Inject, Injectable } from '@nestjs/common';
import type { StreamAndType } from '@crm/event-store';
import type { Projector } from '@crm/read-models';
import { PROJECTOR } from './projector.token';

const DEFAULT_TIMEOUT_MS = 2_000;

/**
 * Read-your-writes: a mutation answers after the projections it reads from have applied its
 * position, or after a bounded wait (then the payload may lag; the caller is never blocked for long).
 */
@Injectable()
export class ProjectionCatchUp {
  constructor(@Inject(PROJECTOR) private readonly projector: Projector) {}

  /** `eventAt`: the stream and type of the event at `position`, when the caller wrote it (see ReadModels.waitForPosition). */
  async waitFor(position: bigint | null, projections: readonly string[], timeoutMs = DEFAULT_TIMEOUT_MS, eventAt?: StreamAndType): Promise<boolean> {
    if (position === null) return true;
    return this.projector.readModels.waitForPosition(position, projections, timeoutMs, eventAt);
  }
}
