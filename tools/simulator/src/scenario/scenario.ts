import type { IngestEvent } from '@trailmark/contracts';
import { ACTIVITIES, signIn } from './activities';
import { CAST } from './cast';
import { lockoutBurst, roleChange } from './set-pieces';
import { createWorld, type World } from './world';

export interface Scenario {
  /** The next event of the story; never runs out. */
  next(): IngestEvent;
}

/**
 * A help desk's day as a pure, seedable story: everyone signs in, tickets are
 * created, assigned, discussed and moved through their statuses, files and
 * pages come and go, and once each a role change and a lockout burst. Same
 * seed, same events (ids and times are left to the SDK).
 */
export function createScenario(seed: number): Scenario {
  const world = createWorld(seed);
  const roleChangeAt = world.random.int(30, 99);
  const lockoutAt = world.random.int(60, 159);
  const pending: IngestEvent[] = [];
  const done = { roleChange: false, lockout: false };
  let step = 0;

  const plan = (): IngestEvent[] => {
    if (step === 1) return CAST.map((member) => signIn(world, member));
    if (!done.roleChange && step >= roleChangeAt) {
      done.roleChange = true;
      return roleChange(world);
    }
    if (!done.lockout && step >= lockoutAt) {
      done.lockout = true;
      return lockoutBurst(world);
    }
    return nextActivity(world);
  };

  return {
    next: () => {
      step += 1;
      if (pending.length === 0) pending.push(...plan());
      return pending.shift()!;
    },
  };
}

function nextActivity(world: World): IngestEvent[] {
  for (;;) {
    const events = world.random.weighted(ACTIVITIES)(world);
    if (events) return events;
  }
}
