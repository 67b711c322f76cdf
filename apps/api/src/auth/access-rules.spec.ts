import 'reflect-metadata';
import { buildSchema, isObjectType, parse, type GraphQLSchema } from 'graphql';
import { personalFieldsOf } from '@crm/domain';
import { buildPublicSchema } from '../schema/public-schema';
import { fieldsWithoutRule } from './access-rules';
import { refusedField } from './operation-access';
import { PERSONAL_DATA_READERS } from './roles.decorator';

describe('role rules over the whole schema', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildPublicSchema();
  });

  it('give every field of every object type a rule, on the field or on its type', () => {
    // A field listed here is refused to everyone, admin included: give it @Roles (on the field, its
    // @ObjectType class or its @Resolver class), e.g. @Roles(...READERS), or @PersonalData() for a
    // field that describes a person.
    expect(fieldsWithoutRule(schema)).toEqual([]);
  });

  it("keeps a person's fields from the roles that may not read personal data", () => {
    // The domain names the fields that describe a person; the API shows them under the same names.
    const personal = new Set(['LeadCaptured', 'ContactAdded'].flatMap((type) => personalFieldsOf(type)?.fields ?? []).concat('fullName'));
    const rules = ['Lead', 'Contact'].flatMap((name) => {
      const type = schema.getType(name);
      if (!isObjectType(type)) throw new Error(`${name} is not an object type`);
      return Object.values(type.getFields()).filter((field) => personal.has(field.name)).map((field) => [`${name}.${field.name}`, field.extensions.roles]);
    });
    expect(rules.length).toBeGreaterThanOrEqual(personal.size);
    expect(rules).toEqual(rules.map(([coordinate]) => [coordinate, PERSONAL_DATA_READERS]));
  });

  it('names the fields of a schema that has none', () => {
    const bare = buildSchema('type Query { lead: Lead } type Lead { id: ID }');
    expect(fieldsWithoutRule(bare)).toEqual(['Query.lead', 'Lead.id']);
  });

  it('keeps the rule a method sets over the one its resolver class sets', () => {
    const rules = Object.fromEntries(['projections', 'rebuildProjection'].map((name) => {
      const field = schema.getQueryType()?.getFields()[name] ?? schema.getMutationType()?.getFields()[name];
      return [name, field?.extensions.roles];
    }));
    expect(rules).toEqual({ projections: ['rep', 'manager', 'auditor', 'analyst'], rebuildProjection: ['analyst'] });
  });

  describe('an operation', () => {
    const refused = (query: string, roles: Parameters<typeof refusedField>[3], operationName?: string) => refusedField(schema, parse(query), operationName, roles);

    it('is refused at the first nested field the caller may not read', () => {
      expect(refused('{ leads { edges { node { id status email } } } }', ['analyst'])).toEqual({ coordinate: 'Lead.email', rule: PERSONAL_DATA_READERS });
      expect(refused('{ accounts { edges { node { contacts { edges { node { fullName } } } } } } }', ['analyst'])).toMatchObject({ coordinate: 'Contact.fullName' });
    });

    it('is checked through fragments, inline or named, and only in the operation that runs', () => {
      const document = 'query Counts { leads { totalCount } } query People { leads { edges { node { ...Person } } } } fragment Person on Lead { ... on Lead { phone } }';
      expect(refused(document, ['analyst'], 'Counts')).toBeNull();
      expect(refused(document, ['analyst'], 'People')).toMatchObject({ coordinate: 'Lead.phone' });
    });

    it('lets each role read what its rules allow, admin everything, and any authenticated caller the meta fields', () => {
      expect(refused('{ leads { edges { node { id email } } } }', ['rep'])).toBeNull();
      expect(refused('{ leads { edges { node { id email } } } history(stream: { type: LEAD, id: "x" }) { totalCount } }', ['admin'])).toBeNull();
      expect(refused('{ __typename __schema { types { name fields { name } } } __type(name: "Lead") { name } }', ['privacy'])).toBeNull();
      expect(refused('{ history(stream: { type: LEAD, id: "x" }) { totalCount } }', ['rep'])).toEqual({ coordinate: 'Query.history', rule: ['auditor'] });
    });

    it('refuses a field without a rule to admin too', () => {
      const bare = buildSchema('type Query { secret: String }');
      expect(refusedField(bare, parse('{ secret }'), undefined, ['admin'])).toEqual({ coordinate: 'Query.secret', rule: null });
    });
  });
});
