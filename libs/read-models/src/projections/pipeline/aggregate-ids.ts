import type { PipelineContribution } from './pipeline-contribution';

type Slot = Pick<PipelineContribution, 'pipelineId' | 'stage' | 'ownerId' | 'closeMonth' | 'currency'>;
type Level<T> = Map<string, T>;

/** Slots remembered before the cache starts over; far more than a pipeline's live slots. */
const DEFAULT_MAX_SLOTS = 50_000;

/**
 * The four aggregate ids of a slot, built once and then handed out again. Looking a document up by
 * a freshly concatenated id makes the store flatten and hash it every time; a handed-out id keeps
 * its hash, and looking it up here costs five map lookups.
 */
export class AggregateIdCache {
  private readonly byCurrency: Level<Level<Level<Level<Level<readonly string[]>>>>> = new Map();
  private size = 0;

  constructor(
    private readonly build: (slot: Slot) => readonly string[],
    private readonly maxSlots = DEFAULT_MAX_SLOTS,
  ) {}

  idsOf(slot: Slot): readonly string[] {
    const byMonth = this.months(slot);
    const found = byMonth.get(slot.closeMonth);
    if (found !== undefined) return found;
    if (this.size >= this.maxSlots) {
      this.byCurrency.clear();
      this.size = 0;
      return this.idsOf(slot);
    }
    const ids = this.build(slot);
    byMonth.set(slot.closeMonth, ids);
    this.size++;
    return ids;
  }

  private months({ currency, pipelineId, stage, ownerId }: Slot): Level<readonly string[]> {
    const byStage = levelIn(levelIn(this.byCurrency, currency), pipelineId);
    return levelIn(levelIn(byStage, stage), ownerId);
  }
}

function levelIn<T>(level: Level<Level<T>>, key: string): Level<T> {
  let next = level.get(key);
  if (next === undefined) level.set(key, (next = new Map()));
  return next;
}
