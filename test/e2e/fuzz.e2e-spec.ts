import { formatReport, type FuzzReport } from '../fuzz/fuzz-report';
import { runFuzz } from '../fuzz/fuzz-run';
import { tokensFor, type FuzzTarget } from '../fuzz/fuzz-target';
import { SECRET, startServer, type RunningServer } from '../support/running-server';

const INPUTS = Number(process.env.FUZZ_INPUTS ?? 1_000);
/**
 * One fixed seed, so `npm test` sends the same inputs every run and a failure here is a regression,
 * never a draw; `npm run fuzz` takes a new seed each run to look further. FUZZ_SEED picks another.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_204);

describe('fuzzed mutations against the running process', () => {
  let server: RunningServer;
  let report: FuzzReport;

  beforeAll(async () => {
    server = await startServer();
    const target: FuzzTarget = { url: server.url, token: tokensFor(SECRET), eventHead: () => server.embedded.headPosition() };
    report = await runFuzz(target, { inputs: INPUTS, seed: SEED });
    console.log(formatReport(report, (seed, index) => `FUZZ_SEED=${seed} npx jest test/e2e/fuzz.e2e-spec.ts (case #${index}), or npm run fuzz -- --seed ${seed} --path ${index}`));
  }, 120_000);

  afterAll(() => server?.stop());

  it(`sends ${INPUTS} generated inputs over every mutation of the published schema, shape-breaking ones among them`, () => {
    expect(report.aborted).toBeUndefined();
    expect(report.inputs).toBe(INPUTS);
    const mutations = Object.values(report.perMutation);
    expect(mutations.length).toBeGreaterThanOrEqual(30);
    expect(mutations.reduce((sum, tally) => sum + tally.shapeCases, 0)).toBeGreaterThan(0);
  });

  it('answers every input without a 5xx, with typed and masked errors, and leaves the log unchanged by every refused one', () => {
    expect(report.violations.map((violation) => ({ index: violation.index, mutation: violation.case.mutation, problems: violation.problems }))).toEqual([]);
  });

  it('carries out some inputs and refuses most, with the codes of the contract', () => {
    const tallies = Object.values(report.perMutation);
    expect(tallies.reduce((sum, tally) => sum + tally.wrote, 0)).toBeGreaterThan(0);
    expect(tallies.reduce((sum, tally) => sum + tally.refused, 0)).toBeGreaterThan(INPUTS / 2);
    expect(Object.keys(report.codes)).toEqual(expect.arrayContaining(['BAD_USER_INPUT', 'NOT_FOUND', 'RULE_VIOLATION', 'FORBIDDEN', 'UNAUTHENTICATED']));
  });
});
