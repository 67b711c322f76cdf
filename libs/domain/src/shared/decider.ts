import type { JsonObject } from './json';

/** Supplied by the caller: the domain never reads a clock or invents ids. */
export interface CommandMetadata {
  /** ISO 8601 instant at which the command is decided. */
  now: string;
  /** Who issues the command (user id or a system name). */
  actor: string;
}

export type Command<Type extends string, Data> = {
  type: Type;
  data: Data;
  metadata: CommandMetadata;
};

export type Event<Type extends string, Data extends JsonObject> = {
  type: Type;
  data: Data;
};

export interface Decider<C, E, S> {
  decide(command: C, state: S): E[];
  evolve(state: S, event: E): S;
  initialState(): S;
}

export const evolveAll = <C, E, S>(decider: Decider<C, E, S>, events: readonly E[], from?: S): S =>
  events.reduce((state, event) => decider.evolve(state, event), from ?? decider.initialState());
