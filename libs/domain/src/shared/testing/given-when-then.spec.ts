import type { Decider } from '../decider';
import { NotFoundError, RuleViolation, ValidationError } from '../errors';
import type { RuleReason } from '../rule-reasons';
import { given } from './given-when-then';

type Counter = { count: number };
type Add = { type: 'Add'; by: number };
type Added = { type: 'Added'; by: number };

/** A tiny decider used to prove the helper's assertions can fail. */
const counter: Decider<Add, Added, Counter> = {
  initialState: () => ({ count: 0 }),
  evolve: (state, event) => ({ count: state.count + event.by }),
  decide: (command, state) => {
    if (command.by === 0) return [];
    if (command.by < 0) throw ValidationError.field('by', 'must be positive');
    if (command.by === 99) throw new NotFoundError('Counter', 'c1');
    if (state.count + command.by > 10) throw new RuleViolation('TOO_MANY' as RuleReason, 'at most 10');
    return [{ type: 'Added', by: command.by }];
  },
};

describe('given/when/then', () => {
  it('passes on the expected events and returns them', () => {
    expect(given(counter, [{ type: 'Added', by: 2 }]).when({ type: 'Add', by: 3 }).then([{ type: 'Added', by: 3 }])).toHaveLength(1);
  });

  it('fails on other events', () => {
    expect(() => given(counter).when({ type: 'Add', by: 3 }).then([{ type: 'Added', by: 4 }])).toThrow();
  });

  it('fails thenNothing when events are produced', () => {
    given(counter).when({ type: 'Add', by: 0 }).thenNothing();
    expect(() => given(counter).when({ type: 'Add', by: 1 }).thenNothing()).toThrow();
  });

  it('matches a thrown rule by reason, a class, or a code', () => {
    const history: Added[] = [{ type: 'Added', by: 9 }];
    given(counter, history).when({ type: 'Add', by: 2 }).thenThrows('TOO_MANY');
    given(counter, history).when({ type: 'Add', by: 2 }).thenThrows('RULE_VIOLATION');
    given(counter, history).when({ type: 'Add', by: 2 }).thenThrows(RuleViolation, 'TOO_MANY');
    given(counter).when({ type: 'Add', by: 99 }).thenThrows(NotFoundError);
    expect(given(counter).when({ type: 'Add', by: -1 }).thenThrows(ValidationError).fields).toEqual([
      { field: 'by', message: 'must be positive' },
    ]);
  });

  it('fails when the command is accepted, or refused for another reason', () => {
    expect(() => given(counter).when({ type: 'Add', by: 1 }).thenThrows('TOO_MANY')).toThrow('accepted');
    expect(() => given(counter, [{ type: 'Added', by: 9 }]).when({ type: 'Add', by: 2 }).thenThrows('OTHER')).toThrow();
    expect(() => given(counter).when({ type: 'Add', by: -1 }).thenThrows(RuleViolation)).toThrow();
  });
});
