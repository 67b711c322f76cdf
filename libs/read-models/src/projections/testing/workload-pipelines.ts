import { DEFAULT_PIPELINE, type PipelineDefinition } from '@crm/domain';
import type { Emit, Rng } from './lead-lifecycle';
import { PARTNERS, RENEWALS, pipelineDefined, pipelineRevised } from './pipeline-events.fixtures';

/** Events before the first revision that re-weights a stage of one of the other pipelines, and between two. */
const FIRST_REVISION = 1_000;
const REVISION_EVERY = 20_000;

/**
 * The pipelines of a generated workload: the default one and two more, defined as the log starts;
 * now and then one of the two others has a stage re-weighted. Lifecycles read each stage's
 * probability from here, so the events they write carry it as defined at the time.
 */
export class WorkloadPipelines {
  private readonly definitions = new Map<string, PipelineDefinition>([DEFAULT_PIPELINE, RENEWALS, PARTNERS].map((p) => [p.pipelineId, p]));
  private nextRevision = FIRST_REVISION;

  constructor(private readonly random: Rng, private readonly emit: Emit) {
    for (const definition of [RENEWALS, PARTNERS]) this.write(pipelineDefined(definition));
  }

  definition(pipelineId: string): PipelineDefinition {
    const found = this.definitions.get(pipelineId);
    if (found === undefined) throw new Error(`no pipeline ${pipelineId} in the workload`);
    return found;
  }

  /** Where an opportunity of the default pipeline may be moved. */
  moveTarget(): PipelineDefinition {
    return this.definition(this.random() < 0.6 ? RENEWALS.pipelineId : PARTNERS.pipelineId);
  }

  /** Called as the log grows: re-weights one open stage of another pipeline now and then. */
  advance(produced: number): void {
    if (produced < this.nextRevision) return;
    this.nextRevision += REVISION_EVERY;
    const previous = this.moveTarget();
    const open = previous.stages.filter((stage) => stage.kind === 'OPEN');
    const changed = open[Math.floor(this.random() * open.length)];
    const probability = Math.max(1, Math.min(99, changed.probability + (this.random() < 0.5 ? -5 : 5)));
    const next = { ...previous, stages: previous.stages.map((stage) => (stage === changed ? { ...stage, probability } : stage)) };
    this.definitions.set(next.pipelineId, next);
    this.write(pipelineRevised(previous, next));
  }

  private write(event: ReturnType<typeof pipelineDefined>): void {
    this.emit(`pipeline-${event.data.pipelineId}`, event.type, event.data, 'manager-1');
  }
}
