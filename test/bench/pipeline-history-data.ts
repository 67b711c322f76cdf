import { DEFAULT_PIPELINE, type PipelineDefinition, type PipelineStageDefinition } from '@crm/domain';
import type { OpportunityVersionDoc } from '@crm/read-models';
import { SeededRandom } from '../../libs/application/src/seed/seeded-random';

const DAY = 86_400_000;

const stage = (key: string, probability: number, kind: PipelineStageDefinition['kind'], forecastCategory: PipelineStageDefinition['forecastCategory']) =>
  ({ key, name: key, probability, kind, forecastCategory }) as const;

/** The default pipeline and two more of other shapes, as a business with renewals and partners has them. */
export const BENCH_PIPELINES: readonly PipelineDefinition[] = [
  DEFAULT_PIPELINE,
  {
    pipelineId: 'b0000000-0000-4000-8000-000000000001',
    name: 'Renewals',
    archived: false,
    stages: [stage('DUE', 30, 'OPEN', 'PIPELINE'), stage('QUOTED', 60, 'OPEN', 'BEST_CASE'), stage('AGREED', 90, 'OPEN', 'COMMIT'), stage('RENEWED', 100, 'WON', 'CLOSED'), stage('CHURNED', 0, 'LOST', 'OMITTED')],
  },
  {
    pipelineId: 'b0000000-0000-4000-8000-000000000002',
    name: 'Partners',
    archived: false,
    stages: [stage('SOURCED', 15, 'OPEN', 'PIPELINE'), stage('REGISTERED', 45, 'OPEN', 'BEST_CASE'), stage('SIGNED', 100, 'WON', 'CLOSED'), stage('PARTNER_LOST', 0, 'LOST', 'OMITTED'), stage('NO_DECISION', 0, 'LOST', 'OMITTED')],
  },
];

const CURRENCIES = [
  { currency: 'EUR', digits: 2, weight: 0.7 },
  { currency: 'USD', digits: 2, weight: 0.2 },
  { currency: 'JPY', digits: 0, weight: 0.1 },
];
export const BENCH_OWNERS = Array.from({ length: 20 }, (_, i) => `rep-${i + 1}`);

const hex = (random: SeededRandom, length: number): string => Array.from({ length }, () => random.int(0, 15).toString(16)).join('');
const uuid = (random: SeededRandom): string => `${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-8${hex(random, 3)}-${hex(random, 12)}`;
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

function amountOf(random: SeededRandom, currency: (typeof CURRENCIES)[number]) {
  const major = random.int(1, 500) * 100;
  const minor = major * 10 ** currency.digits;
  return { amount: currency.digits === 0 ? String(major) : `${major}.${'0'.repeat(currency.digits)}`, currency: currency.currency, amountMinor: minor };
}

type Fields = Omit<OpportunityVersionDoc, 'id' | 'seq' | 'at' | 'openedAt' | 'lastPosition'>;

/** The next version: mostly a step forward, else a revised amount or close date, a new owner, won or lost; a closed deal is seldom reopened. */
function changed(random: SeededRandom, fields: Fields, pipeline: PipelineDefinition, currency: (typeof CURRENCIES)[number], at: number): Fields | null {
  const open = pipeline.stages.filter((s) => s.kind === 'OPEN').map((s) => s.key);
  if (fields.status !== 'OPEN') return random.chance(0.1) ? { ...fields, status: 'OPEN', stage: open[0] } : null;
  const roll = random.next();
  const position = open.indexOf(fields.stage);
  if (roll < 0.4 && position < open.length - 1) return { ...fields, stage: open[position + 1] };
  if (roll < 0.55) return { ...fields, amount: amountOf(random, currency) };
  if (roll < 0.7) return { ...fields, expectedCloseDate: isoDay(at + random.int(10, 200) * DAY) };
  if (roll < 0.78) return { ...fields, ownerId: random.pick(BENCH_OWNERS) };
  if (roll < 0.9) return { ...fields, status: 'WON', stage: pipeline.stages.find((s) => s.kind === 'WON')!.key };
  return { ...fields, status: 'LOST', stage: random.pick(pipeline.stages.filter((s) => s.kind === 'LOST')).key };
}

/**
 * Version documents of `count` opportunities opened over the year before `now`, spread evenly over
 * the three pipelines, each with a version every 1 to 40 days until `now` or until it is closed (about five on average), in the
 * order a catch-up reads them: by when they were written, so ids arrive in random order.
 */
export function benchVersionDocs(count: number, now: number, seed = 7): OpportunityVersionDoc[] {
  const random = new SeededRandom(seed);
  const docs: OpportunityVersionDoc[] = [];
  for (let n = 0; n < count; n++) {
    const opportunityId = uuid(random);
    const pipeline = BENCH_PIPELINES[n % BENCH_PIPELINES.length];
    const currency = random.weighted({ EUR: 0.7, USD: 0.2, JPY: 0.1 });
    const unit = CURRENCIES.find((c) => c.currency === currency)!;
    let at = now - random.int(0, 364 * DAY);
    const openedAt = new Date(at).toISOString();
    const openKeys = pipeline.stages.filter((s) => s.kind === 'OPEN').map((s) => s.key);
    let fields: Fields = { opportunityId, pipelineId: pipeline.pipelineId, ownerId: random.pick(BENCH_OWNERS), stage: random.pick(openKeys.slice(0, 2)), status: 'OPEN', amount: amountOf(random, unit), expectedCloseDate: isoDay(at + random.int(20, 200) * DAY) };
    for (let seq = 0; at <= now && seq < 12; seq++) {
      docs.push({ id: `${opportunityId}:${seq}`, seq, at: new Date(at).toISOString(), openedAt, ...fields });
      const next = changed(random, fields, pipeline, unit, at);
      if (next === null) break;
      fields = next;
      at += random.int(1, 40) * DAY + random.int(0, DAY - 1);
    }
  }
  return docs.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}
