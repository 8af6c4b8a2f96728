import { type Command, type DecideContext, type Decider, type DomainEvent, DomainError, fold } from './decider';

/**
 * Given/When/Then for deciders:
 * `spec(decider).given(events).when(command).then(events)` or `.thenThrows(code)`.
 */
export function deciderSpec<S, C extends Command, E extends DomainEvent>(decider: Decider<S, C, E>, context: DecideContext) {
  return {
    given: (events: E[]) => ({
      when: (command: C) => {
        const run = () => decider.decide(command, fold(decider.evolve, decider.initialState(), events), context);
        return {
          then: (expected: E[]) => expect(run()).toEqual(expected),
          thenThrows: (code: string) => {
            let caught: unknown;
            try {
              run();
            } catch (error) {
              caught = error;
            }
            expect(caught).toBeInstanceOf(DomainError);
            expect((caught as DomainError).code).toBe(code);
          },
        };
      },
    }),
  };
}

export function fixedContext(now = new Date('2026-01-01T00:00:00.000Z'), ids: string[] = []): DecideContext {
  let n = 0;
  return {
    now,
    newId: () => {
      n += 1;
      return ids[n - 1] ?? `id-${n}`;
    },
  };
}
