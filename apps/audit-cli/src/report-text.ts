import type { BundleReport, IntegrityReport } from '@trailmark/audit';

/** A verification as lines for a person: what was read, the checkpoints, then each finding. */
export function integrityReportText(report: IntegrityReport): string[] {
  const lines = [
    `Verified ${report.scope === 'all' ? 'every stream' : `${report.scope} ${report.target}`}: ${report.events} events in ${report.streams} streams, ${report.durationMs} ms (${report.eventsPerSecond} events/s)`,
    ...report.checkpoints.map(({ workspaceId, sequence, signedAt, keyId }) => `Last checkpoint of ${workspaceId}: #${sequence}, signed ${signedAt} with ${keyId}`),
  ];
  if (report.ok) return [...lines, 'OK: every hash chain holds and every signed head is there'];
  return [
    ...lines,
    `FAILED: ${report.findings.length} problem(s)`,
    ...report.findings.map(({ problem, streamName, revision, message }) => `  ${problem} ${streamName}${revision === undefined ? '' : ` revision ${revision}`}: ${message}`),
  ];
}

/** An offline bundle check as lines: what the bundle claims, then the verdict, each failure and the notes. */
export function bundleReportText(report: BundleReport): string[] {
  const lines = [
    `Bundle ${report.exportId ?? '(no manifest)'} of workspace ${report.workspaceId ?? '?'}, signed with ${report.keyId ?? '?'}: ${report.events} events in ${report.streams} streams, ${report.checkpoints} checkpoints`,
  ];
  const verdict = report.ok ? ['OK: the bundle verifies'] : [`FAILED: ${report.failures.length} problem(s)`, ...report.failures.map(({ message }) => `  ${message}`)];
  return [...lines, ...verdict, ...report.notes.map((note) => `  note: ${note}`)];
}
