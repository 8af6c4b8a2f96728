import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { startTestRedis } from '@trailmark/testing';
import { startApiProcess } from './api-server';
import { childPids } from './live-processes';

const ROOT = resolve(__dirname, '../../..');
export const BENCH_OWNER = { email: 'bench@trailmark.local', password: 'bench-password-1' };

/** The scale-out mode on one machine: Redis, one projector publishing through it, two api nodes with projections off. */
export interface LiveCluster {
  nodes: string[];
  redisUrl: string;
  apiPids: number[];
  projectorPid: number;
  token: string;
  workspaceId: string;
  apiKey: string;
  stop(): Promise<void>;
}

export async function startLiveCluster(databaseUrl: string): Promise<LiveCluster> {
  const redis = await startTestRedis();
  const projector = spawnProjector(databaseUrl, redis.url);
  const env = { REDIS_URL: redis.url, TRAILMARK_PROJECTIONS: 'off', TRAILMARK_OWNER_EMAIL: BENCH_OWNER.email, TRAILMARK_OWNER_PASSWORD: BENCH_OWNER.password };
  const apis = await Promise.all([startApiProcess(databaseUrl, env), startApiProcess(databaseUrl, env)]);
  const stop = async () => {
    await Promise.all(apis.map((api) => api.stop()));
    await stopChild(projector);
    await redis.stop();
  };
  try {
    const { token, workspaceId } = await signInWhenProjected(apis[0].url);
    const apiKey = await createApiKey(apis[0].url, token, workspaceId);
    const apiPids = childPids(join('apps', 'api', 'src', 'main.ts'));
    return { nodes: apis.map((api) => api.url), redisUrl: redis.url, apiPids, projectorPid: projector.pid ?? Number.NaN, token, workspaceId, apiKey, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function spawnProjector(databaseUrl: string, redisUrl: string): ChildProcess {
  // BENCH_PROJECTOR_NODE_ARGS passes flags such as --cpu-prof to the projector for profiling.
  const nodeArgs = process.env['BENCH_PROJECTOR_NODE_ARGS']?.split(' ').filter(Boolean) ?? [];
  return spawn(process.execPath, [...nodeArgs, '-r', './tools/scripts/register.cjs', join('apps', 'projector', 'src', 'main.ts')], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await exited;
}

/** The first owner exists once the projector has put it in the directory. */
async function signInWhenProjected(url: string): Promise<{ token: string; workspaceId: string }> {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 200))) {
    const response = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(BENCH_OWNER) });
    if (response.ok) {
      const body = (await response.json()) as { token: string; currentWorkspaceId: string };
      return { token: body.token, workspaceId: body.currentWorkspaceId };
    }
  }
  throw new Error('The first owner could not sign in within 60 s');
}

async function createApiKey(url: string, token: string, workspaceId: string): Promise<string> {
  const response = await fetch(`${url}/api/workspaces/${workspaceId}/api-keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ name: 'live bench' }),
  });
  if (!response.ok) throw new Error(`Creating the API key answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { key: string }).key;
}
