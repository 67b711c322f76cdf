import type { FuzzCase } from './fuzz-case';

/** How one mutation fared over a run. */
export interface MutationTally {
  sent: number;
  /** Carried out and appended to the log. */
  wrote: number;
  /** Carried out without an append: a retry (`replayed`), a change to what already was, or a mutation that keeps to the read store. */
  acceptedWithoutWrite: number;
  refused: number;
  shapeCases: number;
}

export interface Violation {
  /** The case's index in the run: with the run's seed, fast-check's path to it. */
  index: number;
  case: FuzzCase;
  answer: string;
  problems: string[];
}

export interface FuzzReport {
  seed: number;
  inputs: number;
  seconds: number;
  perMutation: Record<string, MutationTally>;
  codes: Record<string, number>;
  violations: Violation[];
  /** Set when the run stopped early: the process stopped answering. */
  aborted?: string;
}

export const emptyReport = (seed: number): FuzzReport => ({ seed, inputs: 0, seconds: 0, perMutation: {}, codes: {}, violations: [] });

export const tallyOf = (report: FuzzReport, mutation: string): MutationTally =>
  (report.perMutation[mutation] ??= { sent: 0, wrote: 0, acceptedWithoutWrite: 0, refused: 0, shapeCases: 0 });

const clip = (text: string, length: number): string => (text.length > length ? `${text.slice(0, length)}... (${text.length} characters)` : text);

/** The run's figures as text: one line per mutation, the codes met, then every violation with the way to replay it. */
export const formatReport = (report: FuzzReport, replay: (seed: number, index: number) => string): string => {
  const lines = [`fuzz: ${report.inputs.toLocaleString('en-US')} inputs in ${report.seconds.toFixed(1)} s, seed ${report.seed}`];
  lines.push(`${'mutation'.padEnd(28)} ${'sent'.padStart(6)} ${'wrote'.padStart(6)} ${'no-write'.padStart(8)} ${'refused'.padStart(8)} ${'shape'.padStart(6)}`);
  const totals: MutationTally = { sent: 0, wrote: 0, acceptedWithoutWrite: 0, refused: 0, shapeCases: 0 };
  for (const [name, tally] of Object.entries(report.perMutation).sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`${name.padEnd(28)} ${String(tally.sent).padStart(6)} ${String(tally.wrote).padStart(6)} ${String(tally.acceptedWithoutWrite).padStart(8)} ${String(tally.refused).padStart(8)} ${String(tally.shapeCases).padStart(6)}`);
    for (const key of Object.keys(totals) as Array<keyof MutationTally>) totals[key] += tally[key];
  }
  lines.push(`${'all'.padEnd(28)} ${String(totals.sent).padStart(6)} ${String(totals.wrote).padStart(6)} ${String(totals.acceptedWithoutWrite).padStart(8)} ${String(totals.refused).padStart(8)} ${String(totals.shapeCases).padStart(6)}`);
  lines.push(`codes: ${Object.entries(report.codes).sort(([, a], [, b]) => b - a).map(([code, count]) => `${code} ${count}`).join(', ')}`);
  if (report.aborted) lines.push(`ABORTED: ${report.aborted}`);
  lines.push(`violations: ${report.violations.length}`);
  for (const violation of report.violations) {
    lines.push(`- #${violation.index} ${violation.case.mutation} (${violation.case.kind}${violation.case.broken ? `: ${violation.case.broken}` : ''}, as ${violation.case.caller})`);
    for (const problem of violation.problems) lines.push(`    ${problem}`);
    lines.push(`    request: ${clip(violation.case.raw ?? JSON.stringify(violation.case.body), 600)}`);
    lines.push(`    answer: ${clip(violation.answer, 600)}`);
    lines.push(`    replay: ${replay(report.seed, violation.index)}`);
  }
  return lines.join('\n');
};
