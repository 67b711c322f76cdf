import type { RunningServer } from './running-server';

export type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Runs an operation that must succeed, returning its data. */
export const runner = (server: RunningServer) => async (token: string, query: string, variables: Data = {}): Promise<Data> => {
  const result = await server.gql<Data>(token, query, variables);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data as Data;
};

/** Reads until `accept` holds (another projection than the one a mutation waited for may lag a little). */
export const eventually = async <T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 5_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/**
 * An instant after everything written so far and before anything written next: business time is the
 * server's clock in this process, so once the clock has moved past the instant, the next write is later.
 */
export const instantBetweenWrites = async (): Promise<string> => {
  const instant = new Date();
  while (Date.now() <= instant.getTime()) await new Promise((resolve) => setImmediate(resolve));
  return instant.toISOString();
};

export const REGISTER = `mutation ($input: RegisterAccountInput!) { registerAccount(input: $input) { account { id } } }`;
export const ADD_CONTACT = `mutation ($input: AddContactInput!) { addContact(input: $input) { contact { id } } }`;
export const MOVE_CONTACT = `mutation ($input: MoveContactInput!) { moveContact(input: $input) { contact { id accountId } } }`;
export const OPEN = `mutation ($input: OpenOpportunityInput!) { openOpportunity(input: $input) { opportunity { id } } }`;
export const CAPTURE = `mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { lead { id } } }`;
export const QUALIFY = `mutation ($input: LeadRefInput!) { qualifyLead(input: $input) { revision } }`;
export const CONVERT = `mutation ($input: ConvertLeadInput!) { convertLead(input: $input) { account { id } contact { id } opportunity { id } } }`;

export const lead = (lastName: string, source = 'REFERRAL') => ({
  firstName: 'Eva', lastName, email: `${lastName.toLowerCase().replace(/\W/g, '')}@example.nl`, companyName: `${lastName} B.V.`, source,
});

export const deal = (accountId: string, name: string, amount = '1000.00') => ({ accountId, name, amount, currency: 'EUR', expectedCloseDate: '2027-06-30' });
