import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = __dirname;
const SELF = relative(ROOT, __filename);

const FORBIDDEN_MODULES = [/^@nestjs\//, /^better-sqlite3$/, /^mongodb$/, /^@eventstore\//, /^(node:)?crypto$/, /^@crm\/(event-store|read-models)$/];

const FORBIDDEN_CALLS: [string, RegExp][] = [
  ['Date.now()', /\bDate\s*\.\s*now\s*\(/],
  ['Math.random()', /\bMath\s*\.\s*random\s*\(/],
  ['randomUUID()', /\brandomUUID\s*\(/],
  ['new Date() without argument', /\bnew\s+Date\s*\(\s*\)/],
];

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]([^'"]+)['"]/g;

/** The domain decides from its inputs only: no framework, no driver, no clock, no randomness. */
export function impuritiesOf(source: string): string[] {
  const imports = [...source.matchAll(IMPORT)].map((match) => match[1]);
  const badImports = imports.filter((name) => FORBIDDEN_MODULES.some((pattern) => pattern.test(name)));
  const badCalls = FORBIDDEN_CALLS.filter(([, pattern]) => pattern.test(source)).map(([name]) => name);
  return [...badImports.map((name) => `imports ${name}`), ...badCalls.map((name) => `uses ${name}`)];
}

function typescriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return typescriptFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('domain purity', () => {
  it('detects what it forbids', () => {
    expect(impuritiesOf(`import { Injectable } from '@nestjs/common';`)).toEqual(['imports @nestjs/common']);
    expect(impuritiesOf(`import Database from "better-sqlite3";`)).toEqual(['imports better-sqlite3']);
    expect(impuritiesOf(`const { randomUUID } = require('node:crypto'); randomUUID();`)).toEqual([
      'imports node:crypto',
      'uses randomUUID()',
    ]);
    expect(impuritiesOf(`import * as c from 'crypto';`)).toEqual(['imports crypto']);
    expect(impuritiesOf(`export { x } from '@eventstore/db-client'; await import('mongodb');`)).toHaveLength(2);
    expect(impuritiesOf(`const t = Date.now(); const r = Math.random(); const d = new Date( );`)).toHaveLength(3);
  });

  it('allows what is pure', () => {
    const pure = `import { Money } from './shared/money'; const d = new Date(value).toISOString(); import 'currency-codes';`;
    expect(impuritiesOf(pure)).toEqual([]);
  });

  it('holds for every file of libs/domain/src', () => {
    const files = typescriptFiles(ROOT).map((path) => relative(ROOT, path)).filter((path) => path !== SELF);
    expect(files.length).toBeGreaterThan(30);
    const found = files.flatMap((file) =>
      impuritiesOf(readFileSync(join(ROOT, file), 'utf8')).map((problem) => `${file} ${problem}`),
    );
    expect(found).toEqual([]);
  });
});
