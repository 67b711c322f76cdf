import { buildSchema, execute, parse, validate, type GraphQLError, type GraphQLScalarType } from 'graphql';
import { DateTimeScalar, DecimalScalar } from '../graphql/scalars';
import { fieldName, inputErrorFields } from './input-error-fields';

const schema = buildSchema(`
  scalar Decimal
  scalar DateTime
  enum Source { WEB_FORM EVENT }
  input Opportunity { name: String!, amount: Decimal!, closeAt: DateTime }
  input CaptureInput { firstName: String!, source: Source!, seats: Int, opportunity: Opportunity, sources: [Source!] }
  input Filter { source: [Source!] }
  type Query { leads(filter: Filter, first: Int): Int, lead(id: ID!, asOf: DateTime): Int }
  type Mutation { capture(input: CaptureInput!): Int }
`);
for (const scalar of [DecimalScalar, DateTimeScalar]) Object.assign(schema.getType(scalar.name) as GraphQLScalarType, scalar.toConfig());

const valid = { firstName: 'Sanne', source: 'WEB_FORM' };
const CAPTURE = 'mutation ($input: CaptureInput!) { capture(input: $input) }';

/** The errors graphql-js gives for a request (validation first, as Apollo runs it), each with its fields. */
const fieldsFor = (source: string, variables?: Record<string, unknown>) => {
  const document = parse(source);
  const invalid = validate(schema, document);
  const errors: readonly GraphQLError[] = invalid.length > 0 ? invalid : (execute({ schema, document, variableValues: variables }) as { errors?: GraphQLError[] }).errors ?? [];
  expect(errors.length).toBeGreaterThan(0);
  return errors.map((error) => inputErrorFields(error, { schema, document, variables }));
};

const fieldsOnly = (source: string, variables?: Record<string, unknown>) =>
  fieldsFor(source, variables).map((fields) => fields?.map((f) => f.field) ?? null);

describe('the fields of GraphQL coercion errors', () => {
  describe.each([
    ['an unknown enum value', 'source: CARRIER_PIGEON', { source: 'CARRIER_PIGEON' }, 'source', /CARRIER_PIGEON/],
    ['a malformed Decimal', 'opportunity: { name: "Ovens", amount: "12,50" }', { opportunity: { name: 'Ovens', amount: '12,50' } }, 'opportunity.amount', /Decimal must be/],
    ['a DateTime that is no real day', 'opportunity: { name: "Ovens", amount: "1.00", closeAt: "2026-02-30T10:00:00Z" }', { opportunity: { name: 'Ovens', amount: '1.00', closeAt: '2026-02-30T10:00:00Z' } }, 'opportunity.closeAt', /DateTime must be/],
    ['an Int out of range', 'seats: 99999999999', { seats: 99999999999 }, 'seats', /32-bit/],
    ['a missing required field', 'opportunity: { amount: "1.00" }', { opportunity: { amount: '1.00' } }, 'opportunity.name', /required type "String!"/],
    ['a bad list item', 'sources: [EVENT, NOPE]', { sources: ['EVENT', 'NOPE'] }, 'sources.1', /NOPE/],
    ['an unknown field', 'vip: true', { vip: true }, 'vip', /"vip" is not defined/],
  ])('%s', (_name, literal, variable, field, message) => {
    it('written in the query', () => {
      const base = literal.startsWith('source:') ? 'firstName: "Sanne"' : 'firstName: "Sanne", source: WEB_FORM';
      const [fields] = fieldsFor(`mutation { capture(input: { ${base}, ${literal} }) }`);
      expect(fields).toEqual([{ field, message: expect.stringMatching(message) }]);
    });

    it('passed as a variable', () => {
      const [fields] = fieldsFor(CAPTURE, { input: { ...valid, ...variable } });
      expect(fields).toEqual([{ field, message: expect.stringMatching(message) }]);
    });
  });

  it('names every failure of one variable on its own', () => {
    expect(fieldsOnly(CAPTURE, { input: { source: 'NOPE', seats: 2 ** 40 } })).toEqual([['firstName'], ['source'], ['seats']]);
  });

  it('names a field after the argument it is passed to, whatever the variable is called', () => {
    expect(fieldsOnly('mutation ($lead: CaptureInput!) { capture(input: $lead) }', { lead: { ...valid, seats: 2 ** 40 } })).toEqual([['seats']]);
  });

  it('names a variable used inside a literal by where it is used', () => {
    expect(fieldsOnly('mutation ($s: Source!) { capture(input: { firstName: "S", source: $s }) }', { s: 'NOPE' })).toEqual([['source']]);
  });

  it('names a variable that is missing or null by its argument', () => {
    expect(fieldsOnly(CAPTURE, {})).toEqual([['input']]);
    expect(fieldsOnly(CAPTURE, { input: null })).toEqual([['input']]);
  });

  it('names a bad default value of a variable by where the variable is used', () => {
    expect(fieldsOnly('mutation ($s: Source = NOPE) { capture(input: { firstName: "S", source: $s }) }')).toEqual([['source']]);
  });

  it('keeps the argument name of arguments other than a mutation input', () => {
    expect(fieldsOnly('{ leads(filter: { source: [EVENT, NOPE] }, first: 99999999999) }')).toEqual([['filter.source.1'], ['first']]);
    expect(fieldsOnly('query ($t: DateTime) { lead(id: "x", asOf: $t) }', { t: '2026-02-29T10:00:00Z' })).toEqual([['asOf']]);
  });

  it('reads an unknown field by its name as sent, whatever characters it holds', () => {
    expect(fieldsOnly(CAPTURE, { input: { ...valid, 'a" at "input.source"; b': 1 } })).toEqual([['a" at "input.source"; b']]);
  });

  it('finds the failure a message is about even when a sent value mimics graphql-js wording', () => {
    const trap = 'x" at "input.seats"; Int cannot represent';
    expect(fieldsOnly(CAPTURE, { input: { ...valid, firstName: trap, source: 'NOPE' } })).toEqual([['source']]);
  });

  it('leaves errors that are not about an input value alone', () => {
    expect(fieldsOnly('mutation { capture(input: { firstName: "S", source: EVENT }) { nope } }')).toEqual([null]);
    expect(fieldsOnly('{ lead(asOf: "2026-01-01T00:00:00Z") }')).toEqual([null]);
    expect(fieldsOnly('{ leads(nope: 1) }')).toEqual([null]);
  });
});

describe('field names', () => {
  it.each([
    [['input', 'amount'], 'amount'],
    [['input', 'account', 'name'], 'account.name'],
    [['input'], 'input'],
    [['filter', 'source', 1], 'filter.source.1'],
    [['asOf'], 'asOf'],
  ])('%j is %s', (path, name) => {
    expect(fieldName(path)).toBe(name);
  });
});
