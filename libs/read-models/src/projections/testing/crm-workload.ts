import type { NewEvent } from '@crm/event-store';
import { LeadLifecycle, type Emit, type Rng } from './lead-lifecycle';
import { WorkloadPipelines } from './workload-pipelines';
import { workloadIds, type WorkloadIdKind } from './workload-ids';

/** One event of a generated workload, in log order. */
export interface WorkloadEvent {
  streamName: string;
  event: NewEvent;
}

export interface WorkloadOptions {
  events: number;
  seed?: number;
  /** Business time of the first event; each event is a few minutes after the previous one. */
  start?: Date;
  /** Time-ordered (version 7, as the product makes them) unless `'random'` (version 4, as older logs hold). */
  ids?: WorkloadIdKind;
}

/** Small, fast, seedable (mulberry32): a million events must not wait on a random-data library. */
export const seededRng = (seed: number): Rng => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/**
 * A realistic CRM log: leads captured, worked, qualified or disqualified (some reopened), converted into
 * an account, a contact and an opportunity, which then moves through stages and is won or lost, with
 * detail changes and reassignments in between. Many lifecycles run at once, so their events interleave.
 * Two pipelines besides the default one are defined first; some opportunities move to one of them,
 * and their stages are re-weighted now and then (workload-pipelines.ts).
 */
export function* crmWorkload(options: WorkloadOptions): Generator<WorkloadEvent> {
  const random = seededRng(options.seed ?? 1);
  let clock = (options.start ?? new Date('2025-01-06T08:00:00.000Z')).getTime();
  const newId = workloadIds(options.ids ?? 'time-ordered', seededRng((options.seed ?? 1) ^ 0x5bd1e995), () => clock);
  const buffer: WorkloadEvent[] = [];
  const emit: Emit = (streamName, type, data, actor) => {
    clock += Math.floor(random() * 240_000);
    const id = newId();
    const metadata = { actor, commandId: id, correlationId: id, causationId: id, occurredAt: new Date(clock).toISOString() };
    buffer.push({ streamName, event: { id: newId(), type, data, metadata } });
  };
  const pipelines = new WorkloadPipelines(random, emit);
  const active: LeadLifecycle[] = [];
  let produced = 0;
  while (produced < options.events) {
    pipelines.advance(produced);
    if (active.length < 200 || random() < 0.2) active.push(new LeadLifecycle(random, emit, pipelines, newId));
    const index = Math.floor(random() * active.length);
    if (!active[index].step()) active.splice(index, 1);
    for (const item of buffer) {
      if (produced++ >= options.events) return;
      yield item;
    }
    buffer.length = 0;
  }
}
