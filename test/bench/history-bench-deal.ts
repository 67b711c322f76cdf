import {
  decideOpportunity, evolveOpportunity, initialOpportunityState, type JsonObject, type OpportunityCommand, type OpportunityState,
  type PipelineDefinition,
} from '@crm/domain';

/** One event of a deal's story, at the business time its command was decided. */
export interface DealEvent {
  type: string;
  data: JsonObject;
  at: number;
  actor: string;
  /** Which command of the story decided it: events of one command share its command id. */
  step: number;
}

/** A command as a caller sends it, the pipeline fact left out (the deal adds its own, as a handler does). */
export type DealCommand = { type: OpportunityCommand['type']; data: Record<string, unknown> };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The next moment a sales team works at or after `ms` (UTC): 08:00 to 18:00 on weekdays, the minutes
 * kept so events do not bunch up on the hour. Never earlier than `ms`, so a story's times only grow.
 */
export const businessTime = (ms: number): number => {
  const date = new Date(ms);
  const hour = date.getUTCHours();
  if (hour < 8) date.setUTCHours(8);
  else if (hour >= 18) date.setUTCHours(8 + 24);
  while (date.getUTCDay() === 0 || date.getUTCDay() === 6) date.setUTCDate(date.getUTCDate() + 1);
  return date.getTime();
};

/**
 * One opportunity whose story is told command by command: every command is decided by the domain's
 * own decider against the state so far (so each sequence is one the system accepts), at a business
 * time after the previous one, and the story stops at `now`: a deal opened last week is mostly still
 * at its first stage.
 */
export class Deal {
  private state: OpportunityState = initialOpportunityState();
  readonly events: DealEvent[] = [];
  at: number;
  private steps = 0;

  constructor(
    private readonly pipelines: ReadonlyMap<string, PipelineDefinition>,
    private readonly now: number,
    openedAt: number,
  ) {
    this.at = openedAt;
  }

  get current(): OpportunityState {
    return this.state;
  }

  /** A pipeline of the bench by id. */
  pipeline(id: string): PipelineDefinition {
    const found = this.pipelines.get(id);
    if (found === undefined) throw new Error(`No bench pipeline ${id}`);
    return found;
  }

  /** The pipeline the deal is in now. */
  get pipelineId(): string {
    if (this.state.status === 'Unknown') throw new Error('The deal is not opened yet');
    return this.state.pipelineId;
  }

  /** Decides `command` `afterMs` after the last step; false, and nothing recorded, when that is after now. */
  step(afterMs: number, command: DealCommand, actor: string, fact: Record<string, unknown> = {}): boolean {
    const at = businessTime(this.at + afterMs);
    if (at > this.now) return false;
    const pipeline = this.pipeline(command.type === 'OpenOpportunity' ? String(command.data.pipelineId) : this.pipelineId);
    const decided = decideOpportunity(
      { ...command, data: { ...command.data, pipeline, ...fact }, metadata: { now: new Date(at).toISOString(), actor } } as OpportunityCommand,
      this.state,
    );
    for (const event of decided) {
      this.state = evolveOpportunity(this.state, event);
      this.events.push({ type: event.type, data: event.data as JsonObject, at, actor, step: this.steps });
    }
    this.steps++;
    this.at = at;
    return true;
  }
}

export const days = (n: number): number => n * DAY;
