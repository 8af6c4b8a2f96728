import { streams } from '@trailmark/contracts';
import { startTestPostgres, type TestPostgres } from '@trailmark/testing';
import { type AdminTestApp, startAdminApp, summary, userActor } from './testing/admin-app.fixture';

let postgres: TestPostgres;
let t: AdminTestApp;
const tokens: Record<string, string> = {};
let workspaces = 0;

beforeAll(async () => {
  postgres = await startTestPostgres();
  t = await startAdminApp(postgres.url);
  await t.registerUsers(['olive', 'adam', 'aggie', 'vic', 'audrey', 'bob']);
  for (const userId of ['olive', 'adam', 'aggie', 'vic', 'audrey', 'bob']) tokens[userId] = await t.signIn(userId);
}, 60_000);

afterAll(async () => {
  await t?.close();
  await postgres?.stop();
});

async function workspace() {
  workspaces += 1;
  const ws = `acme_${workspaces}`;
  await t.createWorkspace(ws, 'olive', { adam: 'admin', aggie: 'agent', vic: 'viewer', audrey: 'auditor' });
  return ws;
}

const as = (userId: string) => t.as(tokens[userId]);
const paths = (body: { issues: Array<{ path: string }> }) => body.issues.map((issue) => issue.path);

describe('teams', () => {
  it('creates, renames, adds and removes a member, and deletes a team, each recorded on the team stream', async () => {
    const ws = await workspace();
    const mark = await t.mark();
    const created = await as('adam').post(`/api/workspaces/${ws}/teams`, { name: 'Support' }).expect(201);
    const teamId = created.body.teamId;
    expect(created.body).toEqual({ teamId: expect.any(String), name: 'Support', description: '', members: [] });
    const updated = await as('adam').patch(`/api/workspaces/${ws}/teams/${teamId}`, { name: 'Tier 1', description: 'First line' }).expect(200);
    expect(updated.body).toEqual({ teamId, name: 'Tier 1', description: 'First line', members: [] });
    const added = await as('adam').post(`/api/workspaces/${ws}/teams/${teamId}/members`, { userId: 'aggie' }).expect(201);
    expect(added.body.members).toEqual(['aggie']);
    await as('adam').delete(`/api/workspaces/${ws}/teams/${teamId}/members/aggie`).expect(204);
    await as('adam').delete(`/api/workspaces/${ws}/teams/${teamId}`).expect(204);

    const recorded = (type: string, data: object) => ({ stream: streams.team(ws, teamId), type, data, actor: userActor('adam'), workspaceId: ws });
    expect((await t.eventsAfter(mark)).map(summary)).toEqual([
      recorded('TeamCreated', { teamId, workspaceId: ws, name: 'Support', description: '' }),
      recorded('TeamUpdated', { teamId, changes: { name: { previous: 'Support', current: 'Tier 1' }, description: { previous: '', current: 'First line' } } }),
      recorded('TeamMemberAdded', { teamId, userId: 'aggie' }),
      recorded('TeamMemberRemoved', { teamId, userId: 'aggie' }),
      recorded('TeamDeleted', { teamId }),
    ]);
  });

  it('refuses a member twice (409), someone outside the workspace (404) and a team that does not exist (404)', async () => {
    const ws = await workspace();
    const { body } = await as('adam').post(`/api/workspaces/${ws}/teams`, { name: 'Support' }).expect(201);
    await as('adam').post(`/api/workspaces/${ws}/teams/${body.teamId}/members`, { userId: 'aggie' }).expect(201);
    const mark = await t.mark();
    const twice = await as('adam').post(`/api/workspaces/${ws}/teams/${body.teamId}/members`, { userId: 'aggie' }).expect(409);
    expect(twice.body.message).toBe(`aggie is already in team ${body.teamId}`);
    const outsider = await as('adam').post(`/api/workspaces/${ws}/teams/${body.teamId}/members`, { userId: 'bob' }).expect(404);
    expect(outsider.body.message).toBe(`bob is not a member of workspace ${ws}`);
    const missing = await as('adam').patch(`/api/workspaces/${ws}/teams/no-such-team`, { name: 'X' }).expect(404);
    expect(missing.body.message).toBe('Team no-such-team does not exist');
    await as('adam').delete(`/api/workspaces/${ws}/teams/${body.teamId}/members/vic`).expect(404);
    expect(await t.eventsAfter(mark)).toEqual([]);
  });

  it('answers 400 for an empty name or an update that changes nothing, and appends nothing', async () => {
    const ws = await workspace();
    const mark = await t.mark();
    expect(paths((await as('adam').post(`/api/workspaces/${ws}/teams`, { name: '  ' }).expect(400)).body)).toEqual(['name']);
    expect(paths((await as('adam').patch(`/api/workspaces/${ws}/teams/any`, {}).expect(400)).body)).toEqual(['']);
    expect(paths((await as('adam').post(`/api/workspaces/${ws}/teams/any/members`, { user: 'aggie' }).expect(400)).body)).toEqual(['userId', '']);
    expect(await t.eventsAfter(mark)).toEqual([]);
  });

  it.each(['aggie', 'vic', 'audrey'])('refuses %s (403)', async (userId) => {
    const ws = await workspace();
    await as(userId).post(`/api/workspaces/${ws}/teams`, { name: 'Mine' }).expect(403);
  });
});

describe('user groups', () => {
  const group = async (ws: string, name: string) => (await as('adam').post(`/api/workspaces/${ws}/groups`, { name }).expect(201)).body.groupId as string;

  it('creates, updates, adds and removes a member, nests and unnests, and deletes, on the workspace groups stream', async () => {
    const ws = await workspace();
    const mark = await t.mark();
    const created = await as('adam').post(`/api/workspaces/${ws}/groups`, { name: 'Europe', description: 'EU staff' }).expect(201);
    const europe = created.body.groupId;
    expect(created.body).toEqual({ groupId: expect.any(String), name: 'Europe', description: 'EU staff', members: [], groups: [] });
    const paris = await group(ws, 'Paris');
    await as('adam').patch(`/api/workspaces/${ws}/groups/${europe}`, { description: 'Everyone in Europe' }).expect(200);
    await as('adam').post(`/api/workspaces/${ws}/groups/${paris}/members`, { userId: 'aggie' }).expect(201);
    const nested = await as('adam').post(`/api/workspaces/${ws}/groups/${europe}/groups`, { groupId: paris }).expect(201);
    expect(nested.body).toMatchObject({ groupId: europe, groups: [paris] });
    await as('adam').delete(`/api/workspaces/${ws}/groups/${europe}/groups/${paris}`).expect(204);
    await as('adam').delete(`/api/workspaces/${ws}/groups/${paris}/members/aggie`).expect(204);
    await as('adam').delete(`/api/workspaces/${ws}/groups/${paris}`).expect(204);

    const recorded = (type: string, data: object) => ({ stream: streams.groups(ws), type, data, actor: userActor('adam'), workspaceId: ws });
    expect((await t.eventsAfter(mark)).map(summary)).toEqual([
      recorded('GroupCreated', { workspaceId: ws, groupId: europe, name: 'Europe', description: 'EU staff' }),
      recorded('GroupCreated', { workspaceId: ws, groupId: paris, name: 'Paris', description: '' }),
      recorded('GroupUpdated', { groupId: europe, changes: { description: { previous: 'EU staff', current: 'Everyone in Europe' } } }),
      recorded('GroupMemberAdded', { groupId: paris, userId: 'aggie' }),
      recorded('GroupNested', { parentGroupId: europe, childGroupId: paris }),
      recorded('GroupUnnested', { parentGroupId: europe, childGroupId: paris }),
      recorded('GroupMemberRemoved', { groupId: paris, userId: 'aggie' }),
      recorded('GroupDeleted', { groupId: paris }),
    ]);
  });

  it('refuses a nesting that would make a loop, at any depth (409) and appends nothing', async () => {
    const ws = await workspace();
    const [a, b, c] = [await group(ws, 'A'), await group(ws, 'B'), await group(ws, 'C')];
    await as('adam').post(`/api/workspaces/${ws}/groups/${a}/groups`, { groupId: b }).expect(201);
    await as('adam').post(`/api/workspaces/${ws}/groups/${b}/groups`, { groupId: c }).expect(201);
    const mark = await t.mark();
    const loop = await as('adam').post(`/api/workspaces/${ws}/groups/${c}/groups`, { groupId: a }).expect(409);
    expect(loop.body.message).toBe(`Group ${c} is, or is inside, group ${a}`);
    await as('adam').post(`/api/workspaces/${ws}/groups/${a}/groups`, { groupId: a }).expect(409);
    await as('adam').post(`/api/workspaces/${ws}/groups/${a}/groups`, { groupId: b }).expect(409);
    expect(await t.eventsAfter(mark)).toEqual([]);
  });

  it('answers 404 for a group that does not exist or a person outside the workspace', async () => {
    const ws = await workspace();
    const a = await group(ws, 'A');
    await as('adam').post(`/api/workspaces/${ws}/groups/${a}/groups`, { groupId: 'nope' }).expect(404);
    await as('adam').post(`/api/workspaces/${ws}/groups/${a}/members`, { userId: 'bob' }).expect(404);
    await as('adam').delete(`/api/workspaces/${ws}/groups/nope`).expect(404);
  });

  it('refuses a viewer (403)', async () => {
    const ws = await workspace();
    await as('vic').post(`/api/workspaces/${ws}/groups`, { name: 'Mine' }).expect(403);
  });
});

describe('permission group grants', () => {
  it('grants to a member and to a group, and revokes', async () => {
    const ws = await workspace();
    const groupId = (await as('adam').post(`/api/workspaces/${ws}/groups`, { name: 'Auditors' }).expect(201)).body.groupId;
    const grants = `/api/workspaces/${ws}/permission-groups/billing/grants`;
    const mark = await t.mark();
    await as('adam').post(grants, { kind: 'user', id: 'aggie' }).expect(201);
    const both = await as('adam').post(grants, { kind: 'group', id: groupId }).expect(201);
    expect(both.body).toEqual({ permissionGroupId: 'billing', grantees: [{ kind: 'user', id: 'aggie' }, { kind: 'group', id: groupId }] });
    await as('adam').delete(`${grants}/user/aggie`).expect(204);

    const recorded = (type: string, grantee: object) => ({
      stream: streams.permissionGroup(ws, 'billing'),
      type,
      data: { workspaceId: ws, permissionGroupId: 'billing', grantee },
      actor: userActor('adam'),
      workspaceId: ws,
    });
    expect((await t.eventsAfter(mark)).map(summary)).toEqual([
      recorded('PermissionGroupGranted', { kind: 'user', id: 'aggie' }),
      recorded('PermissionGroupGranted', { kind: 'group', id: groupId }),
      recorded('PermissionGroupRevoked', { kind: 'user', id: 'aggie' }),
    ]);
  });

  it('refuses a second grant (409), a revoke of nothing (404), unknown grantees and kinds (404), and bad bodies (400)', async () => {
    const ws = await workspace();
    const grants = `/api/workspaces/${ws}/permission-groups/billing/grants`;
    await as('olive').post(grants, { kind: 'user', id: 'aggie' }).expect(201);
    const mark = await t.mark();
    const twice = await as('olive').post(grants, { kind: 'user', id: 'aggie' }).expect(409);
    expect(twice.body.message).toBe('Permission group billing is already granted to user aggie');
    const nothing = await as('olive').delete(`${grants}/user/vic`).expect(404);
    expect(nothing.body.message).toBe('Permission group billing is not granted to user vic');
    await as('olive').post(grants, { kind: 'user', id: 'bob' }).expect(404);
    await as('olive').post(grants, { kind: 'group', id: 'no-such-group' }).expect(404);
    await as('olive').delete(`${grants}/robot/aggie`).expect(404);
    expect(paths((await as('olive').post(grants, { kind: 'robot', id: '' }).expect(400)).body)).toEqual(['kind', 'id']);
    expect(await t.eventsAfter(mark)).toEqual([]);
  });

  it('refuses an auditor (403)', async () => {
    const ws = await workspace();
    await as('audrey').post(`/api/workspaces/${ws}/permission-groups/billing/grants`, { kind: 'user', id: 'audrey' }).expect(403);
  });
});
