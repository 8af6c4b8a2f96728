import { BACKGROUND_READ_INTERVAL_MS, type Projection } from '../projection';
import { activeDaysPart, countedPositionsPart, loginStatsPart, uncountedActivity } from './activity-counter';
import { runTogether } from './batch-statement';
import { burstParts, burstsOf, joinedBurstsPart } from './failure-burst-signals';
import { foldLoginStats } from './login-stats';
import { attributeSignIns } from './member-workspaces';
import { knownPlacesParts, noveltyOf } from './novelty-signals';
import { newSignalsPart } from './security-signals';
import { historyPart, newAttempts } from './sign-in-history';
import { type ActivityFact, type SignInAttempt, userActivityFacts } from './user-activity-fact';

export const USER_ACTIVITY_PROJECTION = 'user-activity';

const succeeded = (attempts: SignInAttempt[]) => attempts.filter(({ fact }) => fact.result === 'success');
const failed = (attempts: SignInAttempt[]) => attempts.filter(({ fact }) => fact.result === 'failure');

/**
 * Per-user sign-in history and counters, active days and security signals,
 * per workspace. A batch takes two statements whatever its size (three when
 * it holds memberships or Trailmark sign-ins): one writes the history and
 * reads what the batch builds on, then the batch is folded in memory in log
 * order (signals depend on the sign-ins before them), and one writes every
 * table. The runner's checkpoint lock lets one applier at a time commit a
 * batch (see `lockCheckpoint`), so the projection takes no lock of its own.
 */
export const userActivityProjection: Projection = {
  name: USER_ACTIVITY_PROJECTION,
  tables: ['user_activity_members', 'user_login_stats', 'user_login_history', 'user_activity_days', 'user_seen_ips', 'user_seen_devices', 'user_security_signals'],
  readIntervalMs: BACKGROUND_READ_INTERVAL_MS,
  async apply(client, events) {
    const facts = events.flatMap(userActivityFacts);
    const activity = facts.filter((fact): fact is ActivityFact => fact.kind === 'activity');
    const { attempts, writes: memberships } = await attributeSignIns(client, facts);
    const read = await runTogether(client, [
      historyPart(attempts),
      countedPositionsPart(activity),
      ...knownPlacesParts(succeeded(attempts)),
      ...burstParts(failed(attempts)),
    ]);
    const fresh = newAttempts(attempts, read);
    const { stats, activeDays } = foldLoginStats(fresh, uncountedActivity(activity, read));
    const novelty = noveltyOf(succeeded(fresh), read);
    const bursts = burstsOf(failed(attempts), failed(fresh), read);
    await runTogether(client, [
      ...memberships,
      loginStatsPart(stats),
      activeDaysPart(activeDays),
      ...novelty.writes,
      newSignalsPart([...novelty.signals, ...bursts.opened]),
      joinedBurstsPart(bursts.joined),
    ]);
  },
};
