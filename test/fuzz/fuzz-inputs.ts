import fc from 'fast-check';
import {
  getNullableType, isEnumType, isInputObjectType, isListType, isNonNullType, isScalarType,
  type GraphQLInputField, type GraphQLInputObjectType, type GraphQLInputType,
} from 'graphql';
import { text } from './fuzz-text';
import {
  currencies, dates, dateTimes, decimals, domains, emails, eventTypeNames, ints, phones, probabilities, projectionNames, stageKeys, urls,
} from './fuzz-values';
import type { EntityKind, FuzzWorld } from './fuzz-world';

/** Left out of the input object altogether (not the same as null). */
const OMIT = Symbol('omit');
type Value = unknown;
/** Where a value goes: the field's name and the input type that holds it. */
interface Place {
  name: string;
  owner: string;
}

const ID_KINDS: Record<string, EntityKind> = {
  leadId: 'lead', accountId: 'account', toAccountId: 'account', existingAccountId: 'account', parentAccountId: 'account',
  contactId: 'contact', primaryContactId: 'contact', opportunityId: 'opportunity', pipelineId: 'pipeline',
};

/** Ids a field may get: one of its own kind in any state (wrong-state transitions), another kind's, unknown or malformed. */
const idsFor = (field: string, world: FuzzWorld): fc.Arbitrary<string> => {
  const kind = ID_KINDS[field];
  const every = Object.values(world.ids).flat();
  return fc.oneof(
    { weight: kind ? 6 : 1, arbitrary: fc.constantFrom(...(kind ? world.ids[kind] : every)) },
    { weight: 2, arbitrary: fc.constantFrom(...every) },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.constantFrom(...every).map((known) => known.toUpperCase()) },
    { weight: 1, arbitrary: fc.constantFrom('00000000-0000-0000-0000-000000000000', 'not-a-uuid', '1', '{6f1c1b1e-0000-4000-8000-00000000f022}', 'lead-6f1c1b1e') },
    { weight: 1, arbitrary: text },
  );
};

/** Values for a String field by what its name says it holds; plain text otherwise. */
const stringFor = (field: Place, world: FuzzWorld): fc.Arbitrary<Value> => {
  const { name, owner } = field;
  if (name === 'commandId') return fc.oneof(fc.constantFrom(...world.commandIds), fc.uuid(), fc.constantFrom('not-a-uuid', ''));
  if (/email/i.test(name)) return emails;
  if (/phone/i.test(name)) return phones;
  if (name === 'currency') return currencies;
  if (/Date$/.test(name)) return dates;
  if (/domain/i.test(name)) return domains;
  if (name === 'url') return urls;
  if (['stage', 'key', 'from', 'to'].includes(name)) return stageKeys(world.stageKeys);
  if (name === 'eventTypes') return eventTypeNames;
  if (name === 'name' && owner === 'RebuildProjectionInput') return projectionNames;
  return text;
};

const scalarFor = (type: string, field: Place, world: FuzzWorld): fc.Arbitrary<Value> => {
  switch (type) {
    case 'ID': return idsFor(field.name, world);
    case 'Int': return field.name === 'probability' ? probabilities : ints;
    case 'Float': return fc.double();
    case 'Boolean': return fc.boolean();
    case 'Decimal': return decimals;
    case 'DateTime': return dateTimes;
    default: return stringFor(field, world);
  }
};

/** A value of the field's GraphQL type: the right shape, a wrong meaning more often than not. */
const valueOf = (type: GraphQLInputType, field: Place, world: FuzzWorld, depth: number): fc.Arbitrary<Value> => {
  const bare = getNullableType(type);
  if (isListType(bare)) {
    const item = valueOf(bare.ofType, field, world, depth + 1);
    return fc.oneof(
      { weight: 3, arbitrary: fc.array(item, { minLength: 0, maxLength: 4 }) },
      // Too long a list repeats one short item: the length is what is wrong, and the body stays under the limit.
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom(31, 200), item.filter((value) => JSON.stringify(value).length < 300)).map(([length, one]) => Array.from({ length }, () => one)) },
    );
  }
  if (isEnumType(bare)) return fc.constantFrom(...bare.getValues().map((value) => value.name));
  if (isInputObjectType(bare)) return inputObject(bare, world, depth + 1);
  if (isScalarType(bare)) return scalarFor(bare.name, field, world);
  return fc.constant(null);
};

const fieldValue = (field: GraphQLInputField, owner: string, world: FuzzWorld, depth: number): fc.Arbitrary<Value> => {
  const value = valueOf(field.type, { name: field.name, owner }, world, depth);
  if (isNonNullType(field.type)) return value;
  // An optional field is more often left out than given: inputs with few fields reach the domain's rules.
  return fc.oneof({ weight: 4, arbitrary: fc.constant(OMIT) }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 3, arbitrary: value });
};

/** An input object of the type's exact shape: every required field, some optional ones, values meant to break the domain. */
export const inputObject = (type: GraphQLInputObjectType, world: FuzzWorld, depth = 0): fc.Arbitrary<Record<string, Value>> => {
  const fields = Object.values(type.getFields()).filter((field) => depth < 3 || isNonNullType(field.type));
  return fc.tuple(...fields.map((field) => fieldValue(field, type.name, world, depth))).map((values) =>
    Object.fromEntries(fields.flatMap((field, index) => (values[index] === OMIT ? [] : [[field.name, values[index]]]))),
  );
};
