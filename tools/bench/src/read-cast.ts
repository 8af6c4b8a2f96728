import { userIdForEmail } from '@trailmark/auth';
import type { WorkspaceRole } from '@trailmark/domain';
import type { Random } from './read-random';

/** The signed-in owner of every workspace; the bench reads the API as this person. */
export const READ_BENCH_OWNER = { email: 'owner@bench.trailmark.local', password: 'bench-owner-password-1', name: 'Olivia Owner' };

export interface Person {
  userId: string;
  email: string;
  name: string;
  /** Where this person usually signs in from, and with what. */
  ip: string;
  userAgent: string;
  /** Workspace index → role there. */
  roles: Map<number, WorkspaceRole>;
}

export interface SeedWorkspace {
  workspaceId: string;
  name: string;
  /** The owner first, then members in order of joining; earlier members are the busier ones. */
  people: Person[];
}

export interface Cast {
  owner: Person;
  people: Person[];
  workspaces: SeedWorkspace[];
}

/** Share of all activity per workspace: uneven, as real tenants are; the first is the largest. */
export const WORKSPACE_WEIGHTS = [0.3, 0.25, 0.2, 0.15, 0.1] as const;

const WORKSPACE_NAMES = ['Acme Support', 'Globex Service Desk', 'Initech IT', 'Umbrella Care', 'Hooli Helpdesk'];
const FIRST = ['Ada', 'Grace', 'Linus', 'Margaret', 'Ken', 'Barbara', 'Dennis', 'Frances', 'Alan', 'Radia', 'Edsger', 'Hedy', 'Tim', 'Sophie', 'Donald', 'Karen', 'John', 'Joan', 'Niklaus', 'Lynn'];
const LAST = ['Lovelace', 'Hopper', 'Torvalds', 'Hamilton', 'Thompson', 'Liskov', 'Ritchie', 'Allen', 'Turing', 'Perlman'];

export const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
] as const;

/** The owner and `users - 1` members spread over the workspaces, each with a stable address and device. */
export function createCast(random: Random, users: number): Cast {
  const owner = person(random, READ_BENCH_OWNER.email, READ_BENCH_OWNER.name);
  const workspaces: SeedWorkspace[] = WORKSPACE_NAMES.map((name, index) => {
    owner.roles.set(index, 'owner');
    return { workspaceId: random.uuid(), name, people: [owner] };
  });
  const people = [owner];
  for (let n = 1; n < users; n += 1) {
    const member = person(random, `user${String(n).padStart(3, '0')}@bench.example.com`, `${FIRST[n % FIRST.length]} ${LAST[Math.floor(n / FIRST.length) % LAST.length]} ${n}`);
    const home = workspaceIndex(random);
    const second = random.chance(0.25) ? workspaceIndex(random) : home;
    for (const index of new Set([home, second])) {
      member.roles.set(index, random.weighted({ admin: 8, agent: 74, auditor: 3, viewer: 15 }));
      workspaces[index].people.push(member);
    }
    people.push(member);
  }
  return { owner, people, workspaces };
}

export function workspaceIndex(random: Random): number {
  let roll = random.next();
  for (let index = 0; index < WORKSPACE_WEIGHTS.length; index += 1) {
    roll -= WORKSPACE_WEIGHTS[index];
    if (roll < 0) return index;
  }
  return WORKSPACE_WEIGHTS.length - 1;
}

function person(random: Random, email: string, name: string): Person {
  return {
    userId: userIdForEmail(email),
    email,
    name,
    ip: `${random.pick([81, 86, 92, 109, 176, 203])}.${random.int(256)}.${random.int(256)}.${1 + random.int(254)}`,
    userAgent: random.pick(USER_AGENTS),
    roles: new Map(),
  };
}
