import { z } from 'zod';
import { BUNDLE_FORMAT } from './evidence-bundle';

const whole = z.number().int().min(0);

/** What a bundle line must look like before its content is checked: a malformed one is named, never trusted. */
export const bundledEventSchema = z.object({
  id: z.string(),
  streamName: z.string(),
  revision: whole,
  type: z.string(),
  data: z.unknown(),
  metadata: z.record(z.string(), z.unknown()),
  position: z.string(),
});

export const bundleLineSchema = z.object({ kind: z.enum(['event', 'checkpoint']), event: bundledEventSchema });

export const bundleManifestSchema = z.object({
  kind: z.literal('manifest'),
  format: z.literal(BUNDLE_FORMAT),
  exportId: z.string(),
  workspaceId: z.string(),
  createdAt: z.string(),
  selection: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('window'), from: z.string(), to: z.string() }),
    z.object({ kind: z.literal('streams'), streams: z.array(z.string()) }),
  ]),
  streams: z.array(z.object({ streamName: z.string(), fromRevision: whole, toRevision: whole, events: whole })),
  events: whole,
  checkpoints: whole,
  keyId: z.string(),
  publicKeyPem: z.string(),
  bodySha256: z.string(),
  signature: z.string(),
});

/** "selection.kind: Invalid input; events: Expected number" — each issue with where it is. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(the line)'}: ${issue.message}`).join('; ');
}
