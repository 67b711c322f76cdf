import type { Database, Statement } from 'better-sqlite3';
import type { LogFilter } from '../event-store.port';
import type { JsonObject, JsonValue } from '../json';
import { compileShape, type UnpackDocument } from './packed-shape';

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
  /** By shape id: an array index is the cheapest lookup on the read path. */
  private readonly decoders: UnpackDocument[] = [];
  private shapeTexts = new Map<number, string>();
  private readonly addName: Statement;
  private readonly addShape: Statement;
  private readonly allNames: Statement;
  private readonly allShapes: Statement;

  constructor(db: Database) {
    this.addName = db.prepare('INSERT INTO event_names (kind, name) VALUES (?, ?) ON CONFLICT DO NOTHING');
    this.addShape = db.prepare('INSERT INTO event_shapes (shape) VALUES (?) ON CONFLICT DO NOTHING');
    this.allNames = db.prepare('SELECT id, kind, name FROM event_names').raw();
    this.allShapes = db.prepare('SELECT id, shape FROM event_shapes').raw();
    this.reload();
  }

  /** The id of a name, added to the table when new. */
  idOf(kind: NameKind, name: string): number {
    const known = this.knownId(kind, name);
    if (known !== undefined) return known;
    this.addName.run(kind, name);
    this.reload();
    return this.nameIds.get(key(kind, name)) as number;
  }

  nameOf(id: number): string {
    let name = this.names.get(id);
    if (name === undefined) {
      this.reload();
      name = this.names.get(id);
      if (name === undefined) throw new Error(`The event store file names no category or type ${id}`);
    }
    return name;
  }

  /** The id of a shape, added when new; null when the table is full. */
  shapeIdOf(shape: string): number | null {
    let id = this.shapeIds.get(shape);
    if (id !== undefined) return id;
    this.reload();
    id = this.shapeIds.get(shape);
    if (id !== undefined) return id;
    if (this.shapeIds.size >= MAX_SHAPES) return null;
    this.addShape.run(shape);
    this.reload();
    return this.shapeIds.get(shape) as number;
  }

  /** The event's data and metadata from a row's shape, data column and bytes. */
  unpack(shape: number, text: string, hex: string, streamId: string): [JsonObject, JsonObject] {
    if (shape === PLAIN_JSON) return JSON.parse(text) as [JsonObject, JsonObject];
    return this.decoder(shape)(JSON.parse(text) as JsonValue[], hex, streamId);
  }

  rowFilter(filter: LogFilter | undefined): RowFilter {
    const ids = (kind: NameKind, names: readonly string[] | undefined) => (names ?? []).map((name) => this.knownId(kind, name) ?? -1);
    return { categories: ids(CATEGORY, filter?.categories), types: ids(EVENT_TYPE, filter?.eventTypes) };
  }

  private knownId(kind: NameKind, name: string): number | undefined {
    const id = this.nameIds.get(key(kind, name));
    if (id !== undefined) return id;
    this.reload();
    return this.nameIds.get(key(kind, name));
  }

  private decoder(id: number): UnpackDocument {
    let decoder = this.decoders[id];
    if (decoder === undefined) {
      let text = this.shapeTexts.get(id);
      if (text === undefined) {
        this.reload();
        text = this.shapeTexts.get(id);
        if (text === undefined) throw new Error(`The event store file has no shape ${id}`);
      }
      decoder = compileShape(text);
      this.decoders[id] = decoder;
    }
    return decoder;
  }

  private reload(): void {
    for (const [id, kind, name] of this.allNames.all() as Array<[number, NameKind, string]>) {
      this.nameIds.set(key(kind, name), id);
      this.names.set(id, name);
    }
    const texts = new Map<number, string>();
    for (const [id, shape] of this.allShapes.all() as Array<[number, string]>) {
      this.shapeIds.set(shape, id);
      texts.set(id, shape);
    }
    this.shapeTexts = texts;
  }
}

const key = (kind: NameKind, name: string): string => `${kind}:${name}`;
