import type { Database, Statement } from 'better-sqlite3';
import type { LogFilter } from '../event-store.port';
import type { JsonObject, JsonValue } from '../json';
import { compileShape, type UnpackDocument } from './packed-shape';
import { prefixedUuid } from './hex-text';

export const DICTIONARY_DDL = `
CREATE TABLE IF NOT EXISTS event_names (id INTEGER PRIMARY KEY, kind INTEGER NOT NULL, name TEXT NOT NULL, UNIQUE (kind, name));
CREATE TABLE IF NOT EXISTS event_shapes (id INTEGER PRIMARY KEY, shape TEXT NOT NULL UNIQUE);
`;

export const CATEGORY = 0;
export const EVENT_TYPE = 1;
type NameKind = typeof CATEGORY | typeof EVENT_TYPE;

/** Beyond this many shapes a new one is stored as plain JSON: data of unbounded variety cannot grow the table. */
const MAX_SHAPES = 4096;
/** Shape 0: the row's data column is the JSON `[data, metadata]`. */
export const PLAIN_JSON = 0;

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
  private readonly names = new Map<number, string>();
  private readonly shapeIds = new Map<string, number>();
  private readonly prefixes: string[] = [];
  private readonly uuidNames: Array<(hex: string) => string> = [];
  /** By shape id: an array index is the cheapest lookup on the read path. */
  private readonly decoders: UnpackDocument[] = [];
  private readonly shapeTexts = new Map<number, string>();
  private readonly addName: Statement;
  private readonly addShape: Statement;
  private readonly namesAfter: Statement;
  private readonly shapesAfter: Statement;
  private lastNameId = 0;
  private lastShapeId = 0;

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

  nameOf(id: number): string {
    let name = this.names.get(id);
    if (name === undefined) {
      this.readNames();
      name = this.names.get(id);
      if (name === undefined) throw new Error(`The event store file names no category or type ${id}`);
    }
    return name;
  }

  /** `<category>-`, by the category's id: the start of every stream name in it. */
  streamPrefixOf(id: number): string {
    let prefix = this.prefixes[id];
    if (prefix === undefined) {
      prefix = `${this.nameOf(id)}-`;
      this.prefixes[id] = prefix;
    }
    return prefix;
  }

  /** Writes the name of a stream of the category whose id is a uuid, from the uuid's digits. */
  uuidStreamNameOf(id: number): (hex: string) => string {
    let name = this.uuidNames[id];
    if (name === undefined) {
      name = prefixedUuid(this.streamPrefixOf(id));
      this.uuidNames[id] = name;
    }
    return name;
  }

  /** The id of a shape, added when new; null when the table is full. */
  shapeIdOf(shape: string): number | null {
    let id = this.shapeIds.get(shape);
    if (id !== undefined) return id;
    this.readShapes();
    id = this.shapeIds.get(shape);
    if (id !== undefined) return id;
    if (this.shapeIds.size >= MAX_SHAPES) return null;
    this.addShape.run(shape);
    this.readShapes();
    return this.shapeIds.get(shape) as number;
  }

  /** The event's data and metadata from a row's shape, data column and bytes (as hex digits, from `from` on). */
  unpack(shape: number, text: string, hex: string, from: number, streamId: string): [JsonObject, JsonObject] {
    if (shape === PLAIN_JSON) return JSON.parse(text) as [JsonObject, JsonObject];
    return this.decoder(shape)(JSON.parse(text) as JsonValue[], hex, from, streamId);
  }

  rowFilter(filter: LogFilter | undefined): RowFilter {
    const ids = (kind: NameKind, names: readonly string[] | undefined) => (names ?? []).map((name) => this.knownId(kind, name) ?? -1);
    return { categories: ids(CATEGORY, filter?.categories), types: ids(EVENT_TYPE, filter?.eventTypes) };
  }

  private knownId(kind: NameKind, name: string): number | undefined {
    const id = this.nameIds.get(key(kind, name));
    if (id !== undefined) return id;
    this.readNames();
    return this.nameIds.get(key(kind, name));
  }

  private decoder(id: number): UnpackDocument {
    let decoder = this.decoders[id];
    if (decoder === undefined) {
      let text = this.shapeTexts.get(id);
      if (text === undefined) {
        this.readShapes();
        text = this.shapeTexts.get(id);
        if (text === undefined) throw new Error(`The event store file has no shape ${id}`);
      }
      decoder = compileShape(text);
      this.decoders[id] = decoder;
    }
    return decoder;
  }

  /**
   * Adds the names written since the last look (by this process or another): only rows are added, ids
   * only grow, so one indexed read answers a filter that names a type nobody wrote yet, at every poll.
   */
  private readNames(): void {
    for (const [id, kind, name] of this.namesAfter.all(this.lastNameId) as Array<[number, NameKind, string]>) {
      this.nameIds.set(key(kind, name), id);
      this.names.set(id, name);
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
