import type { EventStore } from '@crm/event-store';
import type { KeyStore } from '@crm/key-store';
import { ErasePersonCommand } from '../erase-person.command';
import { PersonalDataEventStore } from '../personal-data-event-store';
import { startProcessApplication } from './process-application';

/**
 * An erasure that is killed (SIGKILL) at one step, for crash tests:
 * `node -r test/support/ts-register.js erasure-child.ts <dataDir> <leadId> <step> <before|after>`,
 * step one of beginErasure, append-1, append-2, completeErasure.
 */
const [dataDir, leadId, step, when] = process.argv.slice(2);

const kill = (): void => {
  process.kill(process.pid, 'SIGKILL');
};

/** Wraps the methods `stepOf` names a step for (called once per call); every other member passes through. */
const killing = <T extends object>(target: T, stepOf: (method: string) => (() => string) | null): T =>
  new Proxy(target, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver);
      if (typeof value !== 'function') return value;
      const nameCall = stepOf(String(property));
      if (nameCall === null) return value.bind(object);
      return async (...args: unknown[]) => {
        const name = nameCall();
        if (name === step && when === 'before') kill();
        const result = await value.apply(object, args);
        if (name === step && when === 'after') kill();
        return result;
      };
    },
  });

const main = async (): Promise<void> => {
  let appends = 0;
  const app = await startProcessApplication(dataDir, (stores) => {
    const stored = killing<EventStore>(stores.storedEvents, (method) => (method === 'appendToStream' ? () => `append-${++appends}` : null));
    const keyStore = killing<KeyStore>(stores.keyStore, (method) => (method === 'beginErasure' || method === 'completeErasure' ? () => method : null));
    return { ...stores, keyStore, storedEvents: stored, eventStore: new PersonalDataEventStore(stored, stores.personalData) };
  });
  await app.commands.execute(new ErasePersonCommand({ leadId, reason: 'DATA_SUBJECT_REQUEST' }, { actor: 'dpo-1', commandId: '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f' }));
  process.stdout.write('erased without being killed\n');
  await app.close();
};

void main();
