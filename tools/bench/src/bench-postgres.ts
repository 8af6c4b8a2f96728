import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, startEmbeddedPostgres } from '@trailmark/database';
import { freePort } from '@trailmark/testing';

/** A fresh, migrated embedded Postgres for one benchmark run; removed by `stop()`. */
export async function startBenchPostgres(): Promise<{ url: string; stop(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'trailmark-bench-'));
  const running = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
  await migrate(running.url);
  return {
    url: running.url,
    stop: async () => {
      await running.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
