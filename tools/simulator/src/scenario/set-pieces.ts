import type { IngestEvent } from '@trailmark/contracts';
import { ingestEvents } from '@trailmark/sdk';
import { CAST, SYSTEM, UNFAMILIAR_IP, UNFAMILIAR_USER_AGENT } from './cast';
import type { World } from './world';

export const LOCKOUT_ATTEMPTS = 5;

/**
 * Five wrong passwords in a row for one person from an address nobody uses,
 * then the account locks. INGEST_ACTIONS has no lockout action, so
 * `user.locked` goes in as generic activity.
 */
export function lockoutBurst(world: World): IngestEvent[] {
  const victim = world.random.pick(CAST.filter((member) => member.role === 'agent'));
  const attempt = (failedAttempts: number) =>
    ingestEvents.auth.signInFailed({
      actor: victim.actor,
      ip: UNFAMILIAR_IP,
      userAgent: UNFAMILIAR_USER_AGENT,
      reason: 'wrong_password',
      email: victim.email,
      details: { failedAttempts },
    });
  const locked: IngestEvent = {
    action: 'user.locked',
    actor: SYSTEM,
    target: { type: 'user', id: victim.actor.id, name: victim.actor.name },
    context: { ip: UNFAMILIAR_IP, userAgent: UNFAMILIAR_USER_AGENT },
    result: 'warning',
    details: { failedAttempts: LOCKOUT_ATTEMPTS, lockedMinutes: 15 },
  };
  return [...Array.from({ length: LOCKOUT_ATTEMPTS }, (_, n) => attempt(n + 1)), locked];
}

/** The owner promotes the viewer to agent (generic `member.role_changed`: not in INGEST_ACTIONS). */
export function roleChange(world: World): IngestEvent[] {
  const owner = CAST.find((member) => member.role === 'owner')!;
  const viewer = CAST.find((member) => member.role === 'viewer')!;
  world.roles.set(viewer.actor.id, 'agent');
  return [
    {
      action: 'member.role_changed',
      actor: owner.actor,
      target: { type: 'member', id: viewer.actor.id, name: viewer.actor.name },
      changes: [{ field: 'role', from: 'viewer', to: 'agent' }],
      context: { ip: owner.ip, userAgent: owner.userAgent },
    },
  ];
}
