import type { Decider } from '../decider';
import { DomainError } from '../errors';

type ErrorClass = abstract new (...args: never[]) => Error;

export interface Then<E> {
  /** Expects exactly these events, in order. */
  then(expected: E[]): E[];
  /** Expects no events: the command is accepted as a no-op. */
  thenNothing(): void;
  /** Expects a DomainError whose `reason` (rule violations) or `code` equals the given string. */
  thenThrows(reasonOrCode: string): DomainError;
  /** Expects an error of the class, and if given, with that reason or code. */
  thenThrows<T extends Error>(errorClass: abstract new (...args: never[]) => T, reasonOrCode?: string): T;
}

export interface When<C, E> {
  when(command: C): Then<E>;
}

const reasonOrCodeOf = (error: unknown): string | undefined => {
  if (!(error instanceof DomainError)) return undefined;
  return 'reason' in error && typeof error.reason === 'string' ? error.reason : error.code;
};

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error: unknown) {
    return error;
  }
  throw new Error('Expected the command to be refused, but it was accepted');
}

function matches(error: unknown, classOrReason: ErrorClass | string, reasonOrCode?: string): void {
  const expectedReason = typeof classOrReason === 'string' ? classOrReason : reasonOrCode;
  if (typeof classOrReason !== 'string') expect(error).toBeInstanceOf(classOrReason);
  else expect(error).toBeInstanceOf(DomainError);
  if (expectedReason === undefined) return;
  const actual = reasonOrCodeOf(error);
  const codeMatches = error instanceof DomainError && error.code === expectedReason;
  if (codeMatches) return;
  const message = (error as Error).message;
  expect({ reason: actual, message }).toMatchObject({ reason: expectedReason });
}

/** given(decider, pastEvents).when(command).then(expectedEvents) | .thenThrows('LEAD_NOT_QUALIFIED') */
export function given<C, E, S>(decider: Decider<C, E, S>, events: E[] = []): When<C, E> {
  const state = events.reduce((current, event) => decider.evolve(current, event), decider.initialState());
  return {
    when(command: C): Then<E> {
      const decide = (): E[] => decider.decide(command, state);
      return {
        then(expected: E[]): E[] {
          const actual = decide();
          expect(actual).toEqual(expected);
          return actual;
        },
        thenNothing(): void {
          expect(decide()).toEqual([]);
        },
        thenThrows(classOrReason: ErrorClass | string, reasonOrCode?: string) {
          const error = thrownBy(decide);
          matches(error, classOrReason, reasonOrCode);
          return error as never;
        },
      };
    },
  };
}
