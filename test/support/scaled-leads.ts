import { randomUUID } from 'node:crypto';
import type { ProductProcess } from './product-process';

export const CAPTURE = 'mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { position lead { id status } } }';
export const WORK = 'mutation ($input: LeadRefInput!) { startWorkingLead(input: $input) { lead { status } } }';
export const QUALIFY = 'mutation ($input: LeadRefInput!) { qualifyLead(input: $input) { lead { status } } }';
export const CONVERT = 'mutation ($input: ConvertLeadInput!) { convertLead(input: $input) { lead { status convertedAccountId } account { id } contact { id } opportunity { id } } }';
export const LEAD = 'query ($id: ID!) { lead(id: $id) { id status convertedAccountId } }';

export type LeadView = { id: string; status: string; convertedAccountId: string | null };

/** A lead a client captures with its own id (so it can be asked for wherever the answer went). */
export const newLeadInput = (i: number) => ({
  id: randomUUID(),
  firstName: 'Femke', lastName: `Visser ${i}`, email: `femke${i}@visser-bouw.example`, companyName: `Visser Bouw ${i} B.V.`, source: 'WEB_FORM',
});

/** Captures a lead through `api`; the answer's lead is what the read models hold after the write. */
export const captureLead = async (api: ProductProcess, token: string, i: number): Promise<{ id: string; answered: LeadView | null }> => {
  const input = newLeadInput(i);
  const { captureLead: answer } = await api.gql<{ captureLead: { lead: LeadView | null } }>(token, CAPTURE, { input });
  return { id: input.id, answered: answer.lead };
};

export const readLead = async (api: ProductProcess, token: string, id: string): Promise<LeadView | null> =>
  (await api.gql<{ lead: LeadView | null }>(token, LEAD, { id })).lead;
