/**
 * Heap bytes of a plain JSON value as V8 lays it out on 64-bit with pointer compression off (the
 * upper side of what it takes): an object's header and one slot per property, an array's header,
 * backing store and slots, a string's header and characters, a boxed number. Property names are
 * shared by every object of a shape, so they are not counted.
 */
export const estimateBytes = (value: unknown): number => {
  switch (typeof value) {
    case 'string':
      return 16 + value.length;
    case 'number':
      return Number.isInteger(value) ? 0 : 16;
    case 'object': {
      if (value === null) return 0;
      if (Array.isArray(value)) {
        let bytes = 32 + 8 * value.length;
        for (const item of value) bytes += estimateBytes(item);
        return bytes;
      }
      let bytes = 24;
      for (const key in value) bytes += 8 + estimateBytes((value as Record<string, unknown>)[key]);
      return bytes;
    }
    default:
      return 0;
  }
};

/** A held document's place in its collection's Map: the entry, the id string, a dirty-set entry. */
export const entryOverheadBytes = (id: string): number => 64 + id.length;
