import { startBenchServer } from '../bench/api-server';
import { tempDir } from '../bench/bench-kit';
import { formatReport } from './fuzz-report';
import { runFuzz } from './fuzz-run';
import { headThroughApi, tokensFor } from './fuzz-target';
import { scriptOptions, wholeNumber } from './script-args';

const SECRET = 'fuzz-secret-fuzz-secret-fuzz-secret-0123456789';

/**
 * `npm run fuzz [-- --inputs N] [--seed S] [--path P]`: N generated inputs (default 10,000) over every
 * mutation against the built embedded process on a fresh data folder, one at a time. Prints the
 * figures and every violation with the command that replays it; exits 1 on any violation.
 */
const main = async (): Promise<number> => {
  const options = scriptOptions(process.argv.slice(2), ['inputs', 'seed', 'path']);
  const inputs = wholeNumber(options, 'inputs', 10_000);
  const seed = wholeNumber(options, 'seed', Date.now() % 2 ** 31);
  const data = tempDir('crm-fuzz-');
  const server = await startBenchServer(data.dir, SECRET);
  try {
    const token = tokensFor(SECRET);
    const target = { url: server.url, token, eventHead: headThroughApi(server.url, () => token('admin')) };
    console.log(`fuzzing the embedded process (pid ${server.pid}, data ${data.dir}) with seed ${seed}${options.path === undefined ? '' : `, path ${options.path}`}`);
    const report = await runFuzz(target, {
      inputs, seed, path: options.path,
      progress: { every: 1_000, report: (done) => console.log(`  ${done.toLocaleString('en-US')} inputs sent`) },
      ...(options.path === undefined ? {} : { onCase: (index, fuzzCase, answer) => console.log(`case #${index}: ${JSON.stringify(fuzzCase).slice(0, 2_000)}\nanswer: ${answer.slice(0, 2_000)}`) }),
    });
    console.log(formatReport(report, (runSeed, index) => `npm run fuzz -- --seed ${runSeed} --path ${index}`));
    return report.violations.length === 0 && !report.aborted ? 0 : 1;
  } finally {
    await server.stop();
    data.cleanup();
  }
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
