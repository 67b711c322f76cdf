import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

/** Every TypeScript source of the product (tests and specs aside), relative to the repository. */
const productSources = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'testing' ? [] : productSources(path);
    return entry.name.endsWith('.ts') && !/\.(int-|e2e-)?spec\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });

/**
 * SQLite (3.53, as better-sqlite3 builds it) plans a statement again at every run when a bare bound
 * LIMIT, OFFSET or LIKE/GLOB pattern is bound, as better-sqlite3 binds at each run (see BOUND_LIMIT
 * in both stores). So no SQL the product writes binds one bare.
 */
describe('SQL the product prepares', () => {
  it('binds no bare LIMIT, OFFSET, LIKE or GLOB parameter', () => {
    const sources = ['libs', 'apps', 'src'].flatMap(productSources);
    expect(sources.length).toBeGreaterThan(100);
    // The product writes its SQL in capitals; a lower-case `limit ?` is a JavaScript conditional.
    const bare = /\b(LIMIT|OFFSET|LIKE|GLOB)\s+\?/;
    const found = sources.flatMap((path) =>
      readFileSync(join(ROOT, path), 'utf8').split('\n').flatMap((line, i) => (bare.test(line) && !/^\s*(\*|\/\/)/.test(line) ? [`${path}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(found).toEqual([]);
  });
});
