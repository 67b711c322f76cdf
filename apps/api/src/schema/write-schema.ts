import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printPublicSchema } from './public-schema';

/** `npm run schema`: rewrites `schema.graphql` at the repository root from the code. */
const main = async (): Promise<void> => {
  const target = join(process.cwd(), 'schema.graphql');
  writeFileSync(target, await printPublicSchema());
  process.stdout.write(`wrote ${target}\n`);
};

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
