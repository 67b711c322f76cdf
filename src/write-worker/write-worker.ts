import type { Worker } from 'node:worker_threads';
import type { Command } from '@nestjs/cqrs';
import { besideThisFile, startThread, type ProjectorSignals } from '@crm/read-models';
import { CommandPost } from './command-post';
import { reviveError } from './error-transport';
import type { FromWriteWorker, ToWriteWorker } from './worker-messages';

export interface WriteWorkerOptions {
  /** The process environment the worker configures its stores from, as the main thread did. */
  env: NodeJS.ProcessEnv;
  /** The main thread's projector signals: fed with the worker's news, and relaying rebuild switches to it. */
  signals: ProjectorSignals;
  /** A module the worker requires first (a TypeScript loader when running from sources). */
  preload?: string;
  /** Called when the worker ends without being asked to. */
  onUnexpectedExit?(error: Error): void;
}

interface Pending {
  resolve(outcome: unknown): void;
  reject(error: Error): void;
}

/**
 * The embedded process's write path on a worker thread, behind CommandBus's `execute`: the API's
 * resolvers send commands here and get the same outcomes and the same error classes back.
 */
export class WriteWorker {
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private stopping = false;
  /** Set on the worker's "ready": only a running write path can be lost. */
  private running = false;
  private ended: Error | null = null;
  /** Set while a switch from the worker is handed to the signals, so it is not sent back. */
  private relaying = false;
  private readonly toWorker: CommandPost;

  private constructor(
    private readonly worker: Worker,
    private readonly options: WriteWorkerOptions,
  ) {
    this.toWorker = new CommandPost((message) => worker.postMessage(message), (id, error) => this.settle(id, (pending) => pending.reject(error as Error)));
  }

  static async start(options: WriteWorkerOptions): Promise<WriteWorker> {
    const worker = startThread(besideThisFile(__filename, 'write-worker.entry'), options.preload, { env: options.env });
    const started = new WriteWorker(worker, options);
    try {
      await started.ready();
    } catch (error) {
      started.stopping = true;
      await worker.terminate();
      throw error;
    }
    return started;
  }

  /** CommandBus's contract: the handler's outcome, or the error it threw, as an instance of its class. */
  execute<R>(command: Command<R>): Promise<R> {
    if (this.ended !== null) return Promise.reject(this.ended);
    return new Promise<R>((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve: resolve as (outcome: unknown) => void, reject });
      const { data, context } = command as unknown as { data: unknown; context: unknown };
      this.post({ kind: 'execute', id, command: command.constructor.name, data, context });
    });
  }

  /** Stops the lead-conversion process and the projections, closes the worker's stores, ends the thread. */
  async stop(): Promise<void> {
    if (this.ended !== null) return;
    this.stopping = true;
    // 'stopped' once its stores are closed; or the thread is gone already, and there is nothing to wait for.
    const stopped = new Promise<void>((resolve) => {
      this.worker.on('message', (message: FromWriteWorker) => message.kind === 'stopped' && resolve());
      this.worker.once('exit', () => resolve());
    });
    this.post({ kind: 'stop' });
    await stopped;
    await this.worker.terminate();
  }

  private ready(): Promise<void> {
    return new Promise((resolve, reject) => {
      const unrelay = this.options.signals.onSwitch((projection) => this.relaying || this.post({ kind: 'switched', projection }));
      this.worker.on('message', (message: FromWriteWorker) => {
        if (message.kind === 'ready') {
          this.running = true;
          resolve();
        }
        else if (message.kind === 'start-failed') reject(reviveError(message.error));
        else this.receive(message);
      });
      this.worker.on('error', (error) => this.end(error));
      this.worker.on('exit', (code) => {
        unrelay();
        const error = new Error(`The write path's worker thread ended (exit code ${code})`);
        reject(error);
        this.end(error);
      });
    });
  }

  private receive(message: FromWriteWorker): void {
    if (message.kind === 'several') {
      for (const each of message.messages) this.receive(each);
    } else if (message.kind === 'outcome') {
      this.settle(message.id, (pending) => pending.resolve(message.outcome));
    } else if (message.kind === 'failed') {
      this.settle(message.id, (pending) => pending.reject(reviveError(message.error)));
    } else if (message.kind === 'checkpointed') {
      this.options.signals.checkpointed(message.projection, message.position, message.generation);
    } else if (message.kind === 'switched') {
      this.relaying = true;
      this.options.signals.switched(message.projection);
      this.relaying = false;
    }
  }

  /** Nothing waits forever on a worker that is gone: every pending and later command fails with why. */
  private end(error: Error): void {
    if (this.ended !== null) return;
    this.ended = error;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
    // Before 'ready' an exit is a failed start, which `start` reports; a thread that ends its own start
    // may even be seen gone before its 'start-failed' message has been acted on.
    if (!this.stopping && this.running) this.options.onUnexpectedExit?.(error);
  }

  private settle(id: number, how: (pending: Pending) => void): void {
    const pending = this.pending.get(id);
    this.pending.delete(id);
    if (pending !== undefined) how(pending);
  }

  private post(message: ToWriteWorker): void {
    this.toWorker.send(message);
  }
}
