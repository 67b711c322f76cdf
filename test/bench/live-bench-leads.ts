import type { Client } from 'graphql-ws';
import { liveClient } from '../support/live-client';
import { gql } from './api.bench';
import type { BenchServer } from './api-server';

const CAPTURE = 'mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { position lead { id } } }';
const START_WORKING = 'mutation ($input: LeadRefInput!) { startWorkingLead(input: $input) { position } }';
export const ENTITY_CHANGED = 'subscription ($filter: EntityChangeFilter, $after: String) { entityChanged(filter: $filter, after: $after) { id eventType position } }';

export interface CapturedLead {
  id: string;
  position: bigint;
}

let captured = 0;

/** Captures `count` new leads, `inFlight` at a time; in log order. */
export const captureLeads = async (url: string, token: string, count: number, inFlight = 8): Promise<CapturedLead[]> => {
  const leads: CapturedLead[] = [];
  let left = count;
  const worker = async (): Promise<void> => {
    while (left > 0) {
      left--;
      const i = captured++;
      const input = { firstName: 'Live', lastName: `Bench ${i}`, email: `live-${i}@example.nl`, companyName: 'Live Bench B.V.', source: 'WEB_FORM' };
      const { captureLead } = await gql(url, token, CAPTURE, { input });
      leads.push({ id: captureLead.lead.id, position: BigInt(captureLead.position) });
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, count) }, worker));
  return leads.sort((a, b) => (a.position < b.position ? -1 : 1));
};

/** The change measured: one event on one lead, answered over HTTP once the lead's read model shows it. */
export const startWorking = async (url: string, token: string, lead: CapturedLead): Promise<void> => {
  await gql(url, token, START_WORKING, { input: { leadId: lead.id } });
};

/** One lead's subscription on the measuring client: when each push after the lead's capture arrived. */
export interface LeadWatch {
  /** performance.now() at the arrival of the next push not yet taken; fails if none comes within `timeoutMs`. */
  nextPush(timeoutMs?: number): Promise<number>;
  close(): void;
}

/**
 * The measuring subscriber: a real graphql-ws client, as an application uses one. Each `watch`
 * subscribes on one lead from just before its capture, so the capture comes back first from the log:
 * once it has, the subscription is known to be in place and the next push is the change measured.
 */
export class MeasuringClient {
  private readonly client: Client;

  constructor(server: BenchServer, token: string) {
    this.client = liveClient(server.url, { Authorization: `Bearer ${token}` }).client;
  }

  watch(lead: CapturedLead, timeoutMs = 10_000): Promise<LeadWatch> {
    const arrived: number[] = [];
    let failure: Error | null = null;
    let wake: () => void = () => undefined;
    return new Promise((resolve, reject) => {
      const fail = (error: Error): void => {
        failure ??= error;
        reject(error);
        wake();
      };
      const timer = setTimeout(() => fail(new Error(`The capture of lead ${lead.id} did not come back within ${timeoutMs} ms`)), timeoutMs);
      const variables = { filter: { ids: [lead.id] }, after: String(lead.position - 1n) };
      const unsubscribe = this.client.subscribe<{ entityChanged: { eventType: string } }>({ query: ENTITY_CHANGED, variables }, {
        next: ({ data, errors }) => {
          const at = performance.now();
          if (errors || !data) return fail(new Error(`The measuring subscription got errors: ${JSON.stringify(errors)}`));
          if (data.entityChanged.eventType !== 'LeadCaptured') {
            arrived.push(at);
            return wake();
          }
          clearTimeout(timer);
          resolve(watch);
        },
        error: (error) => fail(new Error(`The measuring subscription failed: ${JSON.stringify(error)}`)),
        complete: () => undefined,
      });
      const watch: LeadWatch = {
        nextPush: async (within = timeoutMs) => {
          const deadline = Date.now() + within;
          while (arrived.length === 0) {
            if (failure) throw failure;
            if (Date.now() >= deadline) throw new Error(`No push for lead ${lead.id} within ${within} ms`);
            await new Promise<void>((woken) => {
              const timer = setTimeout(woken, deadline - Date.now());
              wake = () => {
                clearTimeout(timer);
                woken();
              };
            });
          }
          return arrived.shift()!;
        },
        close: unsubscribe,
      };
    });
  }

  dispose(): Promise<void> {
    return Promise.resolve(this.client.dispose());
  }
}
