import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * A module beside the calling one: compiled, the caller is a .js file and so is its neighbour; run
 * from sources (tests), both are .ts files, which a thread loads through its preload.
 */
export const besideThisFile = (callerFile: string, name: string): string => join(callerFile, '..', `${name}${extname(callerFile)}`);

/**
 * A worker thread running `entry`, after `preload` when given (a TypeScript loader from sources). A
 * worker's file must end in .js, so both are required from evaluated code.
 */
export const startThread = (entry: string, preload: string | undefined, workerData: unknown): Worker => {
  const source = [preload, entry].filter((path) => path !== undefined).map((path) => `require(${JSON.stringify(path)});`).join('\n');
  return new Worker(source, { eval: true, workerData });
};
