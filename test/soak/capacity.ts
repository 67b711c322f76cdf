import { percentile } from '../bench/bench-kit';
import { pacedLoad, type PacedLoadOptions } from './paced-load';

/** Each step of the ramp asks half as much again as the one before. */
const RAMP_FACTOR = 1.5;
const FIRST_RATE = 20;
const STEP_SECONDS = 8;
/** A rate is sustained when nearly all of it is answered in this time, none skipped and none failed. */
const SUSTAINED_P99_MS = 500;
const SUSTAINED_SHARE = 0.95;

export interface RampStep {
  rate: number;
  achieved: number;
  p99: number;
  errors: number;
  skipped: number;
  sustained: boolean;
}

/**
 * Finds the request rate the process sustains under the mixed load: paced steps from 20/s, each
 * half as much again, until one is not sustained (under 95 % answered, a p99 over 500 ms, a skip or
 * an error). The capacity is the last sustained step's achieved rate.
 */
export const measureCapacity = async (load: Omit<PacedLoadOptions, 'rate' | 'seconds'>, print: (line: string) => void): Promise<{ capacity: number; steps: RampStep[] }> => {
  const steps: RampStep[] = [];
  for (let rate = FIRST_RATE; ; rate = Math.round(rate * RAMP_FACTOR)) {
    const window = await pacedLoad({ ...load, rate, seconds: STEP_SECONDS });
    const achieved = window.requests / window.seconds;
    const p99 = percentile(window.latencies, 0.99);
    const sustained = achieved >= rate * SUSTAINED_SHARE && p99 <= SUSTAINED_P99_MS && window.errors === 0 && window.skipped === 0;
    steps.push({ rate, achieved, p99, errors: window.errors, skipped: window.skipped, sustained });
    print(`  ramp ${String(rate).padStart(5)} req/s: achieved ${achieved.toFixed(1)}, p99 ${p99.toFixed(1)} ms, errors ${window.errors}, skipped ${window.skipped}${sustained ? '' : '  <- not sustained'}`);
    if (window.errors > 0) throw new Error(`The ramp met errors at ${rate} req/s: ${window.errorSamples.join(' | ')}`);
    if (!sustained) break;
  }
  const last = [...steps].reverse().find((step) => step.sustained);
  if (!last) throw new Error(`Not even ${FIRST_RATE} req/s was sustained`);
  return { capacity: last.achieved, steps };
};
