import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { SigningKeySource, verifyEvidenceBundle } from '@trailmark/audit';
import type { RequestContext } from '@trailmark/command-handling';
import { type Actor, PLATFORM } from '@trailmark/contracts';
import { createPgPool, openDatabase } from '@trailmark/database';
import { createEventStore, type Position } from '@trailmark/event-store';
import { configOrExit, createLogger } from '@trailmark/process';
import { type AuditTools, auditTools } from './audit-tools';
import { type AuditCommand, parseAuditCommand, USAGE, UsageError } from './cli-command';
import { bundleReportText, integrityReportText } from './report-text';
import { verifyProgressBar } from './verify-progress-bar';

const say = (line: string) => process.stdout.write(`${line}\n`);

/** `npm run audit -- <command>`; see USAGE. Exit codes: 0 all good, 1 something failed verification, 2 a mistaken command. */
async function main(): Promise<number> {
  let command: ReturnType<typeof parseAuditCommand>;
  try {
    command = parseAuditCommand(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (command === 'help') {
    say(USAGE);
    return 0;
  }
  const keys = new SigningKeySource();
  if (command.kind === 'verify-bundle') return verifyBundle(command.file, command.publicKeyFile);
  if (command.kind === 'public-key') {
    const key = await keys.get();
    say(key.publicKeyPem.trimEnd());
    say(`key id: ${key.keyId}`);
    return 0;
  }
  const config = configOrExit();
  const logger = createLogger(config.logLevel, 'trailmark-audit');
  const database = await openDatabase(config, logger);
  const pool = createPgPool(database.url, logger, { applicationName: 'trailmark-audit-cli' });
  const store = createEventStore(config.eventStoreConnectionString, pool);
  try {
    return await run(command, auditTools(store, pool, keys));
  } finally {
    await store.close();
    await pool.end();
    await database.stop();
  }
}

/** The person at the terminal is not a Trailmark member: they act as the CLI, under their OS user name. */
const CLI_ACTOR: Actor = { kind: 'system', id: 'audit-cli', name: `Audit CLI (${userInfo().username})` };
const contextOf = (workspaceId?: string): RequestContext =>
  workspaceId === undefined ? { workspaceId: PLATFORM, layer: 'platform', actor: CLI_ACTOR } : { workspaceId, actor: CLI_ACTOR };

async function run(command: Exclude<AuditCommand, { kind: 'verify-bundle' | 'public-key' }>, tools: AuditTools): Promise<number> {
  switch (command.kind) {
    case 'replay-stream': {
      const context = contextOf(command.workspaceId);
      let left = command.limit ?? Infinity;
      for (let from: number | null = command.fromRevision; from !== null && left > 0; ) {
        const page = await tools.replay.stream(command.streamName, { fromRevision: from, limit: Math.min(left, 1000) }, context);
        if (!page) throw new Error(`Workspace ${command.workspaceId} has no stream "${command.streamName}"`);
        for (const event of page.events) say(JSON.stringify(event));
        left -= page.events.length;
        from = page.nextRevision;
      }
      return 0;
    }
    case 'replay-window': {
      const context = contextOf(command.workspaceId);
      let left = command.limit ?? Infinity;
      for (let cursor: Position | undefined | null = undefined; cursor !== null && left > 0; ) {
        const page = await tools.replay.window({ from: command.from, to: command.to, cursor, limit: Math.min(left, 1000) }, context);
        for (const event of page.events) say(JSON.stringify(event));
        left -= page.events.length;
        cursor = page.nextCursor;
      }
      return 0;
    }
    case 'verify': {
      const { workspaceId, streamName } = command;
      const target = workspaceId === undefined ? { scope: 'all' as const } : streamName ? { scope: 'stream' as const, workspaceId, streamName } : { scope: 'workspace' as const, workspaceId };
      const bar = verifyProgressBar();
      const report = await tools.integrity.verify(target, contextOf(workspaceId), (progress) => bar.update(progress)).finally(() => bar.stop());
      integrityReportText(report).forEach(say);
      return report.ok ? 0 : 1;
    }
    case 'checkpoint': {
      const results = command.workspaceId
        ? [{ workspaceId: command.workspaceId, checkpoint: await tools.checkpoints.sign(command.workspaceId, { actor: CLI_ACTOR }) }]
        : await tools.checkpoints.signAll({ actor: CLI_ACTOR });
      for (const { workspaceId, checkpoint, error } of results) {
        if (error) say(`${workspaceId}: not signed: ${error}`);
        else if (!checkpoint) say(`${workspaceId}: no head moved since the last checkpoint; nothing signed`);
        else say(`${workspaceId}: signed checkpoint #${checkpoint.sequence} over ${checkpoint.heads.length} moved head(s) of ${checkpoint.streams} streams with ${checkpoint.keyId}`);
      }
      return results.some((result) => result.error) ? 1 : 0;
    }
    case 'export':
      return exportBundle(command, tools);
  }
}

async function exportBundle({ workspaceId, selection, out }: Extract<AuditCommand, { kind: 'export' }>, tools: AuditTools): Promise<number> {
  if (selection.kind === 'streams') {
    const missing = await tools.exporter.missingStreams(workspaceId, selection.streams);
    if (missing.length) throw new Error(`Workspace ${workspaceId} has no stream ${missing.map((name) => `"${name}"`).join(', ')}`);
  }
  const file = createWriteStream(out, { flags: 'wx' });
  await once(file, 'open');
  try {
    const manifest = await tools.exporter.export(selection, contextOf(workspaceId), async (text) => {
      if (!file.write(text)) await once(file, 'drain');
    });
    await new Promise<void>((done, fail) => file.end((error?: Error | null) => (error ? fail(error) : done())));
    say(`Wrote ${out}: ${manifest.events} events in ${manifest.streams.length} streams and ${manifest.checkpoints} checkpoints, body SHA-256 ${manifest.bodySha256}, signed with ${manifest.keyId}`);
    return 0;
  } catch (error) {
    // Not recorded, or not written whole: no bundle is left behind.
    file.destroy();
    await rm(out, { force: true });
    throw error;
  }
}

async function verifyBundle(file: string, publicKeyFile: string | undefined): Promise<number> {
  const publicKeyPem = publicKeyFile === undefined ? undefined : await readFile(publicKeyFile, 'utf8');
  const report = verifyEvidenceBundle(await readFile(file), { publicKeyPem });
  bundleReportText(report).forEach(say);
  return report.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
