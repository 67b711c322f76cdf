import type { Database, Statement } from 'better-sqlite3';

/**
 * Prepared statements keyed by collection and SQL text, bounded (oldest out first) because
 * filter shapes vary with user queries. Entries of a dropped collection are evicted with it.
 */
export class StatementCache {
  private readonly statements = new Map<string, Statement>();

  constructor(
    private readonly db: Database,
    private readonly capacity = 512,
  ) {}

  get(scope: string, sql: string): Statement {
    const key = `${scope}\u0000${sql}`;
    let statement = this.statements.get(key);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      if (this.statements.size >= this.capacity) this.statements.delete(this.statements.keys().next().value as string);
      this.statements.set(key, statement);
    }
    return statement;
  }

  evict(scope: string): void {
    for (const key of this.statements.keys()) if (key.startsWith(`${scope}\u0000`)) this.statements.delete(key);
  }
}
