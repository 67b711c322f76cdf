import fc from 'fast-check';
import type { Role } from '@crm/application';
import { inputObject } from './fuzz-inputs';
import { mutationDocument, type FuzzedMutation } from './fuzz-schema';
import { shapeBreak } from './fuzz-shapes';
import type { FuzzWorld } from './fuzz-world';

/** Who sends a case: a role's token, no token at all, or a token no secret of ours signed. */
export type Caller = Role | 'anonymous' | 'forged';

/** One generated request: the mutation it aims at, who sends it, and the exact body. */
export interface FuzzCase {
  mutation: string;
  /** `values`: the input's shape is right, its values meant to break the domain; `shape`: GraphQL itself must refuse it. */
  kind: 'values' | 'shape';
  /** What was broken, for shape cases. */
  broken?: string;
  caller: Caller;
  body: unknown;
  /** Sent as is instead of `body` as JSON. */
  raw?: string;
}

/** Mostly an admin, who may do everything, so the refusals are the inputs'; the lesser roles and no one some of the time. */
const callers: fc.Arbitrary<Caller> = fc.oneof(
  { weight: 16, arbitrary: fc.constant<Caller>('admin') },
  { weight: 4, arbitrary: fc.constantFrom<Caller>('rep', 'manager') },
  { weight: 2, arbitrary: fc.constantFrom<Caller>('auditor', 'analyst', 'privacy') },
  { weight: 1, arbitrary: fc.constantFrom<Caller>('anonymous', 'forged') },
);

const caseFor = (mutation: FuzzedMutation, world: FuzzWorld): fc.Arbitrary<FuzzCase> =>
  fc.tuple(inputObject(mutation.input, world), callers, fc.integer({ min: 0, max: 99 })).chain(([input, caller, dice]) => {
    if (dice >= 12) return fc.constant<FuzzCase>({ mutation: mutation.name, kind: 'values', caller, body: { query: mutationDocument(mutation), variables: { input } } });
    return shapeBreak(mutation, input).map((broken): FuzzCase => ({ mutation: mutation.name, kind: 'shape', broken: broken.name, caller, body: broken.body, ...(broken.raw === undefined ? {} : { raw: broken.raw }) }));
  });

/** Cases spread evenly over every mutation of the schema. */
export const fuzzCases = (mutations: readonly FuzzedMutation[], world: FuzzWorld): fc.Arbitrary<FuzzCase> =>
  fc.oneof(...mutations.map((mutation) => caseFor(mutation, world)));
