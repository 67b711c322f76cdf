import 'reflect-metadata';
import { parentPort, workerData } from 'node:worker_threads';
import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus, type Command } from '@nestjs/cqrs';
import * as application from '@crm/application';
import { ApplicationModule, ErasureProcess, LeadConversionRunner, loadConfig, openStores, PipelineRevisionRunner, StoresModule, WebhookDeliverer } from '@crm/application';
import { Projector } from '@crm/read-models';
import { serializeError } from './error-transport';
import { Outbox } from './outbox';
import type { FromWriteWorker, ToWriteWorker } from './worker-messages';

type CommandClass = new (data: unknown, context: unknown) => Command<unknown>;

/**
 * The write path of the embedded process, on a thread of its own: commands, their appends, the live
 * projections, the lead-conversion and pipeline-revision processes, and webhook delivery. The event
 * loop's thread keeps HTTP, GraphQL, validation and every read, so a write's store work does not hold
 * up other requests.
 */
const run = async (): Promise<void> => {
  const port = parentPort;
  if (port === null) throw new Error('write-worker.entry runs as a worker thread');
  const failed = (id: number, error: unknown): void => port.postMessage({ kind: 'failed', id, error: serializeError(error) } satisfies FromWriteWorker);
  const outbox = new Outbox((message) => port.postMessage(message), failed);
  const send = (message: FromWriteWorker): void => outbox.send(message);
  try {
    const env = workerData.env as NodeJS.ProcessEnv;
    const config = loadConfig(env);
    const stores = await openStores(config, env);
    // Built first: a bad webhook setting fails the start, naming its variable.
    const webhooks = new WebhookDeliverer(stores.storedEvents, stores.readStore, stores.masterKey, { env });
    const projector = new Projector(stores.eventStore, stores.readStore, { rebuildMemoryBudgetBytes: config.rebuildMemoryBudgetBytes });
    // A switch relayed from the other side is not sent back to it.
    let relaying = false;
    projector.signals.onCheckpoint((projection, position, generation) => send({ kind: 'checkpointed', projection, position, generation }));
    projector.signals.onSwitch((projection) => relaying || send({ kind: 'switched', projection }));
    await projector.start();

    @Module({ imports: [StoresModule.forStores(stores), ApplicationModule] })
    class WritePathModule {}
    const context = await NestFactory.createApplicationContext(WritePathModule, { logger: ['error', 'warn'] });
    const commands = context.get(CommandBus);
    // An erasure a crash interrupted is completed before any other write.
    await context.get(ErasureProcess).completePending();
    const conversions = context.get(LeadConversionRunner);
    conversions.start();
    const revisions = context.get(PipelineRevisionRunner);
    revisions.start();
    webhooks.start();

    const receive = (message: ToWriteWorker): void => {
      if (message.kind === 'several') {
        message.messages.forEach(receive);
      } else if (message.kind === 'execute') {
        const Class = (application as unknown as Record<string, CommandClass | undefined>)[message.command];
        // A command that throws before its promise (no handler) fails alone; the turn's others still run.
        const outcome = new Promise((resolve) => {
          if (Class === undefined) throw new Error(`${message.command} is not a command`);
          resolve(commands.execute(new Class(message.data, message.context)));
        });
        // An outcome that cannot be cloned is a bug in its handler: that command fails (`Outbox`), the thread goes on.
        outcome.then((result) => send({ kind: 'outcome', id: message.id, outcome: result }), (error: unknown) => send({ kind: 'failed', id: message.id, error: serializeError(error) }));
      } else if (message.kind === 'switched') {
        relaying = true;
        projector.signals.switched(message.projection);
        relaying = false;
      } else {
        void stopInOrder([() => webhooks.stop(), () => conversions.stop(), () => revisions.stop(), () => projector.stop(), () => context.close()]).then(() => send({ kind: 'stopped' }));
      }
    };
    port.on('message', receive);
    send({ kind: 'ready' });
  } catch (error) {
    send({ kind: 'start-failed', error: serializeError(error) });
  }
};

/**
 * Each part is stopped even when one before it fails: the projections still release their leases
 * and the stores still close, so the next start does not wait for leases to expire.
 */
const stopInOrder = async (parts: ReadonlyArray<() => Promise<unknown>>): Promise<void> => {
  for (const stop of parts) {
    try {
      await stop();
    } catch (error) {
      new Logger('WriteWorker').error(`Stopping the write path: ${String(error)}`);
    }
  }
};

void run();
