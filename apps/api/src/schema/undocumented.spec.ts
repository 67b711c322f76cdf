import { buildSchema } from 'graphql';
import { undocumentedCoordinates } from './undocumented';

describe('undocumentedCoordinates', () => {
  it('names each undocumented type, field, argument, input field and enum value, and nothing documented', () => {
    const schema = buildSchema(`
      "Documented." type Query { "Documented." lead("Documented." id: ID!, asOf: String): Lead, leads: [Lead] }
      type Lead { "Documented." id: ID! }
      "Documented." input LeadFilter { status: Status, "Documented." search: String }
      "Documented." enum Status { "Documented." NEW WORKING }
      scalar Decimal
    `);
    expect(undocumentedCoordinates(schema)).toEqual([
      'Decimal', 'Lead', 'LeadFilter.status', 'Query.lead(asOf)', 'Query.leads', 'Status.WORKING',
    ]);
  });
});
