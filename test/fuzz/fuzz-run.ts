import fc from 'fast-check';
import { fuzzCases, type FuzzCase } from './fuzz-case';
import { judge, replayed } from './fuzz-checks';
import { emptyReport, tallyOf, type FuzzReport } from './fuzz-report';
import { loadPublishedSchema, mutationsOf } from './fuzz-schema';
import { post, type FuzzTarget } from './fuzz-target';
import { buildFuzzWorld } from './fuzz-world';

export interface FuzzOptions {
  inputs: number;
  seed: number;
  /** fast-check's path to one case of the seed's run (its index): only that case is sent. */
  path?: string;
  /** Called every `every` inputs with the count so far. */
  progress?: { every: number; report(done: number): void };
  /** Told of every case sent and the answer's text (a replay prints them). */
  onCase?(index: number, fuzzCase: FuzzCase, answer: string): void;
}

/** A token signed with a secret the process does not know. */
const FORGED = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtYWxsb3J5Iiwicm9sZXMiOlsiYWRtaW4iXX0.c2lnbmVkLXdpdGgtYW5vdGhlci1zZWNyZXQ';

const tokenOf = (target: FuzzTarget, fuzzCase: FuzzCase): Promise<string | null> => {
  if (fuzzCase.caller === 'anonymous') return Promise.resolve(null);
  if (fuzzCase.caller === 'forged') return Promise.resolve(FORGED);
  return target.token(fuzzCase.caller);
};

/**
 * Sends one case and checks it: the answer keeps the contract, and a refused input left the log as
 * it was. Cases go one at a time, so the head read before and after brackets exactly this request.
 */
const sendAndCheck = async (target: FuzzTarget, fuzzCase: FuzzCase, index: number, report: FuzzReport, options: FuzzOptions): Promise<void> => {
  const tally = tallyOf(report, fuzzCase.mutation);
  tally.sent++;
  if (fuzzCase.kind === 'shape') tally.shapeCases++;
  const before = await target.eventHead();
  const answer = await post(target.url, fuzzCase.raw ?? JSON.stringify(fuzzCase.body), await tokenOf(target, fuzzCase));
  const after = await target.eventHead();
  options.onCase?.(index, fuzzCase, answer.text);
  const verdict = judge(answer, fuzzCase.mutation);
  for (const code of verdict.codes) report.codes[code] = (report.codes[code] ?? 0) + 1;
  const problems = [...verdict.violations];
  if (!verdict.accepted && after !== before) problems.push(`a refused input changed the log: head ${before} -> ${after}`);
  if (verdict.accepted && after !== before) tally.wrote++;
  else if (verdict.accepted) tally.acceptedWithoutWrite++;
  else tally.refused++;
  if (verdict.accepted && replayed(answer, fuzzCase.mutation) && after !== before) problems.push(`a replayed command wrote: head ${before} -> ${after}`);
  if (problems.length > 0) report.violations.push({ index, case: fuzzCase, answer: answer.text, problems });
};

/**
 * Builds the fuzz world on the target, then sends `inputs` generated cases (or the one at `path`)
 * and returns what they did. The property never fails the run: every violation is kept with its
 * index, which with the seed is fast-check's path to replay it.
 */
export const runFuzz = async (target: FuzzTarget, options: FuzzOptions): Promise<FuzzReport> => {
  const started = performance.now();
  const world = await buildFuzzWorld(target);
  const cases = fuzzCases(mutationsOf(loadPublishedSchema()), world);
  const report = emptyReport(options.seed);
  const first = options.path === undefined ? 0 : Number(options.path.split(':')[0]);
  let index = first;
  const property = fc.asyncProperty(cases, async (fuzzCase) => {
    if (report.aborted) return true;
    try {
      await sendAndCheck(target, fuzzCase, index, report, options);
    } catch (error) {
      report.aborted = `case #${index} (${fuzzCase.mutation}) got no answer: ${error instanceof Error ? error.message : String(error)}`;
      report.violations.push({ index, case: fuzzCase, answer: '(none)', problems: [report.aborted] });
    }
    index++;
    report.inputs++;
    if (options.progress && report.inputs % options.progress.every === 0) options.progress.report(report.inputs);
    return true;
  });
  await fc.check(property, { seed: options.seed, numRuns: options.path === undefined ? options.inputs : 1, path: options.path, endOnFailure: true });
  await rebuildsFinished(target);
  report.seconds = (performance.now() - started) / 1000;
  return report;
};

const REBUILDS_WITHIN_MS = 60_000;

/** Waits for the rebuilds accepted inputs started, so the process is stopped idle (a stop under a rebuild logs it as failed). */
const rebuildsFinished = async (target: FuzzTarget): Promise<void> => {
  const deadline = Date.now() + REBUILDS_WITHIN_MS;
  while (Date.now() < deadline) {
    const answer = await post(target.url, JSON.stringify({ query: '{ projections { state } }' }), await target.token('admin'));
    const states = (answer.body?.data?.projections as Array<{ state: string }> | undefined) ?? [];
    if (!states.some((projection) => projection.state === 'REBUILDING')) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};
