import { randomUUID } from 'node:crypto';
import type { RequestContext } from '@trailmark/command-handling';
import type { IntegrityCheckpointSigned } from '@trailmark/domain';
import type { AuditTrail } from '../audit-trail';
import type { Queryable } from '../store/stored-events.sql';
import type { CheckpointService } from './checkpoint.service';
import { type IntegrityProgress, type IntegrityReport, IntegrityVerifier, type VerifyTarget } from './integrity-verifier';
import type { SigningKeySource } from './signing-key.source';

/** Findings kept on the IntegrityVerified event; the report has them all. */
const RECORDED_FINDINGS = 20;

export interface PublicKeyAnswer {
  algorithm: 'Ed25519';
  keyId: string;
  publicKeyPem: string;
}

/** Verification and checkpoints as the API and the CLI run them: each verification is recorded, by the caller. */
export class IntegrityService {
  constructor(
    private readonly db: Queryable,
    private readonly keys: SigningKeySource,
    private readonly trail: AuditTrail,
    private readonly checkpoints: CheckpointService,
  ) {}

  async verify(target: VerifyTarget, context: RequestContext, onProgress?: (progress: IntegrityProgress) => void): Promise<IntegrityReport & { verificationId: string }> {
    const key = await this.keys.get();
    const report = await new IntegrityVerifier(this.db, key).verify(target, onProgress);
    const verificationId = randomUUID();
    const latest = report.checkpoints.length === 1 ? report.checkpoints[0].sequence : null;
    await this.trail.record(
      {
        type: 'RecordVerification',
        data: {
          verificationId,
          scope: report.scope,
          target: report.target,
          streams: report.streams,
          events: report.events,
          ok: report.ok,
          findings: report.findings.slice(0, RECORDED_FINDINGS),
          findingsTotal: report.findings.length,
          checkpointSequence: latest,
        },
      },
      context,
      report.ok ? 'success' : 'failure',
    );
    return { verificationId, ...report };
  }

  signCheckpoint(workspaceId: string, context: RequestContext): Promise<IntegrityCheckpointSigned['data'] | null> {
    return this.checkpoints.sign(workspaceId, context);
  }

  async publicKey(): Promise<PublicKeyAnswer> {
    const { keyId, publicKeyPem } = await this.keys.get();
    return { algorithm: 'Ed25519', keyId, publicKeyPem };
  }
}
