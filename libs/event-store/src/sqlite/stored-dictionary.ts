import type { Database, Statement } from 'better-sqlite3';
import type { LogFilter } from '../event-store.port';
import { compileRowShape, type RowShape } from './row-shape';

export const DICTIONARY_DDL = `
CREATE TABLE IF NOT EXISTS event_names (id INTEGER PRIMARY KEY, kind INTEGER NOT NULL, name TEXT NOT NULL, UNIQUE (kind, name));
CREATE TABLE IF NOT EXISTS event_shapes (id INTEGER PRIMARY KEY, shape TEXT NOT NULL UNIQUE);
`;

export const CATEGORY = 0;
export const EVENT_TYPE = 1;
type NameKind = typeof CATEGORY | typeof EVENT_TYPE;

/**
 * Beyond this many shapes a new packed one is not added (the event is stored with a plain shape):
 * data of unbounded variety cannot grow the table. Plain shapes are as few as categories and types.
 */
const MAX_SHAPES = 4096;
/**
 * Lists of names are kept in the shape (see packed-document.ts) only while the table holds fewer
 * shapes than this: each combination of names is a shape of its own, and events that list the
 * fields they change can make many. Past it they are kept in the row, and the shapes of other data
 * still have three quarters of the table.
 */
const NAME_LIST_SHAPES = MAX_SHAPES / 4;

/** A LogFilter in stored ids; an unknown name becomes -1, which matches no row. */
export interface RowFilter {
  categories: number[];
  types: number[];
}

/**
 * Categories, event types and document shapes are few and repeat on every row, so rows keep small
 * integers and this keeps the names, here and in memory. A name is added in a commit of its own, before
 * the append that needs it, so a rolled-back append never leaves a remembered id that is not on disk;
 * another process's names are found by reading the table again on a miss.
 */
export class StoredDictionary {
  private readonly nameIds = new Map<string, number>();
  private readonly shapeIds = new Map<string, number>();
  /** By shape id: an array index is the cheapest lookup on the read path. */
  private readonly rowShapes: RowShape[] = [];
  private readonly shapeTexts = new Map<number, string>();
  private readonly addName: Statement;
  private readonly addShape: Statement;
  private readonly namesAfter: Statement;
  private readonly shapesAfter: Statement;
  private lastNameId = 0;
  private lastShapeId = 0;
  /** A head of the log known before the names were last read: every row up to it has its names here. */
  private namesCover: number | null = null;

  constructor(db: Database) {
    this.addName = db.prepare('INSERT INTO event_names (kind, name) VALUES (?, ?) ON CONFLICT DO NOTHING');
    this.addShape = db.prepare('INSERT INTO event_shapes (shape) VALUES (?) ON CONFLICT DO NOTHING');
    this.namesAfter = db.prepare('SELECT id, kind, name FROM event_names WHERE id > ? ORDER BY id').raw();
    this.shapesAfter = db.prepare('SELECT id, shape FROM event_shapes WHERE id > ? ORDER BY id').raw();
    this.readNames();
    this.readShapes();
  }

  /** The id of a name, added to the table when new. */
  idOf(kind: NameKind, name: string): number {
    const known = this.knownId(kind, name);
    if (known !== undefined) return known;
    this.addName.run(kind, name);
    this.readNames();
    return this.nameIds.get(key(kind, name)) as number;
  }

  /** The id of a shape, added when new; null when `bounded` and the table is full. */
  shapeIdOf(shape: string, bounded: boolean): number | null {
    let id = this.shapeIds.get(shape);
    if (id !== undefined) return id;
    this.readShapes();
    id = this.shapeIds.get(shape);
    if (id !== undefined) return id;
    if (bounded && this.shapeIds.size >= MAX_SHAPES) return null;
    this.addShape.run(shape);
    this.readShapes();
    return this.shapeIds.get(shape) as number;
  }

  /** Whether a new event may keep its lists of names in its shape (the shapes this process knows of). */
  get roomForNameLists(): boolean {
    return this.shapeIds.size < NAME_LIST_SHAPES;
  }

  /** A row's shape, compiled once (another process's new shapes are read on a miss). */
  rowShape(id: number): RowShape {
    return this.rowShapes[id] ?? this.compiledShape(id);
  }

  /**
   * The filter in stored ids. `head`, when given, is a head of the log read before this call: a name
   * is added in a commit before any row that uses it, so once the names are read after that head was
   * known, a name still unknown names no row up to it, and is not looked for again until the head
   * moves. Live subscribers filter by types nobody may ever write (a lead that is never disqualified)
   * and all ask at every commit: without this each unknown name was a read of the table per subscriber.
   */
  rowFilter(filter: LogFilter | undefined, head?: number): RowFilter {
    const ids = (kind: NameKind, names: readonly string[] | undefined) => (names ?? []).map((name) => this.knownId(kind, name, head) ?? -1);
    return { categories: ids(CATEGORY, filter?.categories), types: ids(EVENT_TYPE, filter?.eventTypes) };
  }

  private knownId(kind: NameKind, name: string, head?: number): number | undefined {
    const id = this.nameIds.get(key(kind, name));
    if (id !== undefined || (head !== undefined && head === this.namesCover)) return id;
    this.readNames();
    if (head !== undefined) this.namesCover = head;
    return this.nameIds.get(key(kind, name));
  }

  private compiledShape(id: number): RowShape {
    let text = this.shapeTexts.get(id);
    if (text === undefined) {
      this.readShapes();
      text = this.shapeTexts.get(id);
      if (text === undefined) throw new Error(`The event store file has no shape ${id}`);
    }
    const shape = compileRowShape(text);
    this.rowShapes[id] = shape;
    return shape;
  }

  /**
   * Adds the names written since the last look (by this process or another): only rows are added, ids
   * only grow, so one indexed read answers a filter that names a type nobody wrote yet, at every poll.
   */
  private readNames(): void {
    for (const [id, kind, name] of this.namesAfter.all(this.lastNameId) as Array<[number, NameKind, string]>) {
      this.nameIds.set(key(kind, name), id);
      this.lastNameId = id;
    }
  }

  private readShapes(): void {
    for (const [id, shape] of this.shapesAfter.all(this.lastShapeId) as Array<[number, string]>) {
      this.shapeIds.set(shape, id);
      this.shapeTexts.set(id, shape);
      this.lastShapeId = id;
    }
  }
}

const key = (kind: NameKind, name: string): string => `${kind}:${name}`;
