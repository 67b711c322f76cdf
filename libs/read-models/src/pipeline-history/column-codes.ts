const DAY_MS = 86_400_000;

/** `YYYY-MM` as a month number (year x 12 + month - 1), so month ranges compare as integers. */
export const monthNumber = (month: string): number => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
export const monthText = (month: number): string => `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
/** `YYYY-MM-DD` as days since 1970-01-01. */
export const dayNumber = (date: string): number => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;

/** Strings by small integer code, in the order first met. */
export class Codes {
  readonly values: string[] = [];
  private readonly codes = new Map<string, number>();

  codeOf(value: string): number {
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.codes.set(value, code);
      this.values.push(value);
    }
    return code;
  }

  /** The code of a value, or -1 when no version has it (then nothing matches it). */
  find(value: string): number {
    return this.codes.get(value) ?? -1;
  }
}

/** Numbers of strings, each computed once (close dates repeat across versions). */
export class NumberCache {
  private readonly numbers = new Map<string, number>();

  constructor(private readonly compute: (value: string) => number) {}

  of(value: string): number {
    let number = this.numbers.get(value);
    if (number === undefined) this.numbers.set(value, (number = this.compute(value)));
    return number;
  }
}

/** A typed array with room for at least `length` items, its content kept. */
export function withRoom<T extends Float64Array | Int32Array | Uint8Array>(array: T, length: number): T {
  if (array.length >= length) return array;
  const grown = new (array.constructor as new (size: number) => T)(Math.max(length, Math.ceil(array.length * 1.5) + 16));
  grown.set(array);
  return grown;
}
