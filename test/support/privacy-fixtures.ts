import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { RunningServer } from './running-server';

/** GraphQL answers are read loosely here: the assertions say what shape is expected. */
export type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const LEAD_FIELDS = 'id status erased firstName lastName fullName email phone jobTitle seniority sourceDetail companyName companyDomain source ownerId convertedContactId capturedAt revision';
export const CONTACT_FIELDS = 'id accountId status erased firstName lastName fullName email phone jobTitle relationship sourceLeadId revision';

export const CAPTURE = `mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { revision lead { ${LEAD_FIELDS} } } }`;
export const ADD_CONTACT = `mutation ($input: AddContactInput!) { addContact(input: $input) { contact { ${CONTACT_FIELDS} } } }`;
export const ERASE = 'mutation ($input: ErasePersonInput!) { erasePerson(input: $input) { subjectId erasedAt streams { type id } position } }';
export const LIFT = 'mutation ($input: LiftSuppressionInput!) { liftSuppression(input: $input) { lifted { kind subjectId } } }';
export const PERSONAL_DATA = `query ($email: String, $phone: String) { personalData(email: $email, phone: $phone) { subjects {
  subjectId erased leads { ${LEAD_FIELDS} } contacts { ${CONTACT_FIELDS} } events { type data position } } } }`;
export const HISTORY = 'query ($type: StreamType!, $id: ID!) { history(stream: { type: $type, id: $id }, first: 100) { edges { node { type data } } } }';

/** Runs an operation that must succeed; its errors, if any, become the test's failure message. */
export const runner = (server: RunningServer) => async (token: string, query: string, variables: Data = {}): Promise<Data> => {
  const result = await server.gql<Data>(token, query, variables);
  if (result.errors) throw new Error(`${query.slice(0, 60)}...: ${JSON.stringify(result.errors)}`);
  return result.data!;
};

export interface Person {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  companyName: string;
}

export const captureInput = (person: Person, extra: Data = {}): Data => ({
  ...person, jobTitle: 'Head of Saponification', seniority: 'DIRECTOR', source: 'EVENT', sourceDetail: `Booth talk with ${person.lastName}`, ...extra,
});

/** Captures, works, qualifies and converts a lead: the person then is a lead and a contact. */
export const captureAndConvert = async (
  run: ReturnType<typeof runner>, token: string, person: Person,
): Promise<{ leadId: string; contactId: string; accountId: string; capturedAt: string }> => {
  const { id: leadId, capturedAt } = (await run(token, CAPTURE, { input: captureInput(person) })).captureLead.lead;
  // So that `asOf: capturedAt` sees the lead as captured, and not yet worked.
  await waitUntil('the clock has passed the capture', async () => Date.now() > Date.parse(capturedAt));
  await run(token, 'mutation ($id: ID!) { startWorkingLead(input: { leadId: $id }) { revision } }', { id: leadId });
  await run(token, 'mutation ($id: ID!) { qualifyLead(input: { leadId: $id }) { revision } }', { id: leadId });
  const converted = (await run(token, `mutation ($id: ID!) { convertLead(input: { leadId: $id, account: { kind: COMPANY },
    opportunity: { name: "Soap line", amount: "9000.00", currency: "EUR" } }) { account { id } contact { id } } }`, { id: leadId })).convertLead;
  return { leadId, contactId: converted.contact.id, accountId: converted.account.id, capturedAt };
};

/** Polls until `probe` answers true; fails with `what` when it does not within the time given. */
export const waitUntil = async (what: string, probe: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

/** Every file under `dir`, recursively, with the needles (UTF-8) found in its bytes. */
export const scanFiles = (dir: string, needles: string[]): Array<{ file: string; found: string[] }> => {
  const files = (folder: string): string[] => readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
  return files(dir).map((path) => {
    const bytes = readFileSync(path);
    return { file: relative(dir, path), found: needles.filter((needle) => bytes.includes(Buffer.from(needle, 'utf8'))) };
  });
};
