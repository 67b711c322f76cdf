import { SingleBar } from 'cli-progress';
import type { CliIo } from './cli-context';

export interface Progress {
  update(value: number, payload?: Record<string, string | number>): void;
  stop(): void;
}

const SILENT: Progress = { update: () => undefined, stop: () => undefined };

/**
 * A progress bar on stderr when a person is watching (stderr is a terminal); otherwise nothing, so
 * logs and pipes stay clean. stdout is never used: it may carry the command's data.
 */
export const progressBar = (io: CliIo, label: string, total: number, unit = ''): Progress => {
  if (!io.stderrIsTTY || total <= 0) return SILENT;
  const bar = new SingleBar({
    stream: io.stderr as NodeJS.WriteStream,
    format: `${label} [{bar}] {percentage}% | {detail} | {eta_formatted} left`,
    hideCursor: true,
    clearOnComplete: false,
    etaBuffer: 50,
    fps: 5,
  });
  bar.start(total, 0, { detail: `0${unit}` });
  return {
    update: (value, payload) => bar.update(Math.min(value, total), payload),
    stop: () => bar.stop(),
  };
};
