import { processIo } from './cli-context';
import { runCli } from './cli';

// A reader that goes away (`crm export | head`) ends our output, not with a crash report.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

/** `npm run crm -- <command>`: sets the exit code and lets pending output drain before the process ends. */
runCli(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`error: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
