/** A domain event as deciders see it: a type and its data, no envelope. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}

export interface Command<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}

/** The clock and the id generator, passed in so deciders stay pure. */
export interface DecideContext {
  now: Date;
  newId: () => string;
}

export interface Decider<State, C extends Command, E extends DomainEvent> {
  initialState: () => State;
  evolve: (state: State, event: E) => State;
  /** Returns the events the command produces, or throws a DomainError. */
  decide: (command: C, state: State, context: DecideContext) => E[];
}

/** A command refused by a business rule; `code` is stable for API mapping. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function fold<State, E>(evolve: (state: State, event: E) => State, initial: State, events: readonly E[]): State {
  return events.reduce(evolve, initial);
}
