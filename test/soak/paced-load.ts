import type { SoakRequest } from './soak-mix';

/** What one stretch of paced load did. */
export interface LoadWindow {
  /** Requests answered. */
  requests: number;
  /** Answers that were not HTTP 200 with data and no errors, and requests that got no answer. */
  errors: number;
  /** The first few errors, for the report. */
  errorSamples: string[];
  /** Requests not sent because `maxInFlight` were still waiting: the server fell behind the rate. */
  skipped: number;
  /** Milliseconds from sending to the whole answer. */
  latencies: number[];
  seconds: number;
  /** Requests answered per operation name. */
  perOperation: Record<string, number>;
}

export interface PacedLoadOptions {
  url: string;
  token: string;
  /** Requests started per second, evenly spaced (an open loop: a slow answer does not slow the sending). */
  rate: number;
  seconds: number;
  /** More waiting than this and a due request is skipped and counted. */
  maxInFlight: number;
  next(): SoakRequest;
}

const ANSWER_WITHIN_MS = 30_000;
const KEPT_ERROR_SAMPLES = 5;

const sendOne = async (options: PacedLoadOptions, request: SoakRequest, window: LoadWindow): Promise<void> => {
  const started = performance.now();
  let problem: string | null = null;
  let data: Record<string, unknown> | null = null;
  try {
    const response = await fetch(options.url, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` }, body: request.body, signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
    });
    const text = await response.text();
    const answer = JSON.parse(text) as { data?: Record<string, unknown>; errors?: unknown[] };
    if (response.status !== 200 || answer.errors || !answer.data) problem = `${request.name}: HTTP ${response.status} ${text.slice(0, 300)}`;
    else data = answer.data;
  } catch (error) {
    problem = `${request.name}: ${error instanceof Error ? error.message : String(error)}`;
  }
  window.latencies.push(performance.now() - started);
  window.requests++;
  window.perOperation[request.name] = (window.perOperation[request.name] ?? 0) + 1;
  if (problem !== null) {
    window.errors++;
    if (window.errorSamples.length < KEPT_ERROR_SAMPLES) window.errorSamples.push(problem);
  }
  request.done(data);
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends the mix at a steady rate for a while and waits for every answer. */
export const pacedLoad = async (options: PacedLoadOptions): Promise<LoadWindow> => {
  const window: LoadWindow = { requests: 0, errors: 0, errorSamples: [], skipped: 0, latencies: [], seconds: 0, perOperation: {} };
  const started = performance.now();
  const end = started + options.seconds * 1000;
  const waiting = new Set<Promise<void>>();
  for (let sent = 0; ; sent++) {
    const due = started + (sent * 1000) / options.rate;
    if (due >= end) break;
    const now = performance.now();
    if (due > now) await sleep(due - now);
    if (waiting.size >= options.maxInFlight) {
      window.skipped++;
      continue;
    }
    const request = sendOne(options, options.next(), window).finally(() => waiting.delete(request));
    waiting.add(request);
  }
  await Promise.all(waiting);
  window.seconds = (performance.now() - started) / 1000;
  return window;
};
