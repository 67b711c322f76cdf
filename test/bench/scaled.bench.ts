import { signToken } from '@crm/application';
import { startScaledShape } from '../support/scaled-shape';
import { startBenchServer } from './api-server';
import { gql } from './api.bench';
import { percentile, tempDir, type BenchRow } from './bench-kit';

const SAMPLES = Number(process.env.BENCH_SCALED_SAMPLES ?? 300);
const WARMUP = 30;
const SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';
const CAPTURE = 'mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { lead { id } } }';

/** One client, one captureLead at a time, each answered once the lead reads back (read-your-writes): its times in ms. */
const captureOneAtATime = async (url: string, token: string, samples: number): Promise<number[]> => {
  const times: number[] = [];
  for (let i = 0; i < WARMUP + samples; i++) {
    const input = { firstName: 'Sietske', lastName: `Mulder ${i}`, email: `sietske${i}@mulder.example`, companyName: 'Mulder Transport B.V.', source: 'WEB_FORM' };
    const started = performance.now();
    const { captureLead } = await gql(url, token, CAPTURE, { input });
    if (!captureLead.lead) throw new Error('A captured lead was not in the answer: read-your-writes did not hold');
    if (i >= WARMUP) times.push(performance.now() - started);
  }
  return times;
};

const rows = (name: string, times: number[], baseline: number[]): BenchRow[] => [
  { name: `${name}: p50`, value: percentile(times, 0.5), unit: 'ms', baseline: { name: 'embedded process', value: percentile(baseline, 0.5) }, target: '<= 20 ms' },
  { name: `${name}: p99`, value: percentile(times, 0.99), unit: 'ms', baseline: { name: 'embedded process', value: percentile(baseline, 0.99) }, target: '<= 100 ms' },
];

/**
 * captureLead's write-to-visible time through apps/api in the scaled shape (2 API + 2 projector
 * processes on one data folder, told of each other's commits by the stores' signal files), beside the
 * embedded process (`npm start`) measured in the same run. Personal data encrypted in both.
 */
export async function benchScaled(): Promise<BenchRow[]> {
  const token = await signToken({ sub: 'bench', roles: ['rep'] }, SECRET);
  const embeddedDir = tempDir('crm-bench-embedded-');
  const embedded = await startBenchServer(embeddedDir.dir, SECRET);
  let embeddedTimes: number[];
  try {
    embeddedTimes = await captureOneAtATime(embedded.url, token, SAMPLES);
  } finally {
    await embedded.stop();
    embeddedDir.cleanup();
  }
  const scaledDir = tempDir('crm-bench-scaled-');
  const shape = await startScaledShape(scaledDir.dir, { CRM_JWT_SECRET: SECRET, LOG_LEVEL: 'warn', CRM_BENCH_PLAIN_PERSONAL_DATA: undefined });
  try {
    const [api] = shape.apis;
    const scaledTimes = await captureOneAtATime(`${api.baseUrl}/graphql`, token, SAMPLES);
    return [
      ...rows(`captureLead through apps/api, 2 API + 2 projector processes (${SAMPLES} one at a time)`, scaledTimes, embeddedTimes),
      { name: 'embedded process: p50', value: percentile(embeddedTimes, 0.5), unit: 'ms' },
      { name: 'embedded process: p99', value: percentile(embeddedTimes, 0.99), unit: 'ms' },
    ];
  } finally {
    await Promise.all([...shape.apis, ...shape.projectors].map((child) => child.stop()));
    scaledDir.cleanup();
  }
}
