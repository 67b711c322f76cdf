import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { printPublicSchema, buildPublicSchema } from './public-schema';
import { undocumentedCoordinates } from './undocumented';

const PUBLISHED = join(__dirname, '../../../../schema.graphql');

describe('the published schema', () => {
  it('is what the code builds: a contract change shows in schema.graphql (regenerate with `npm run schema`)', async () => {
    expect(await printPublicSchema()).toBe(readFileSync(PUBLISHED, 'utf8'));
  });

  it('explains every type, field, argument, input field and enum value it names', async () => {
    expect(undocumentedCoordinates(await buildPublicSchema())).toEqual([]);
  });
});
