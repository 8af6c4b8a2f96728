import { CATEGORIES, EVENT_CATALOGUE } from '@trailmark/contracts';
import { WORKSPACE_ROLES } from '@trailmark/domain';
import { z } from 'zod';

const eventType = z.string().refine((type) => Object.hasOwn(EVENT_CATALOGUE, type), 'is not a Trailmark event type');
const unique = <T>(items: T[]) => new Set(items).size === items.length;

/** The body of a create or a replace. `recipients` only for a workspace rule; a personal rule alerts whoever makes it. */
export const alertRuleBodySchema = z
  .strictObject({
    name: z.string().max(100).describe('Shown in the notification and the mail'),
    scope: z.enum(['workspace', 'personal']),
    recipients: z
      .strictObject({
        userIds: z.array(z.string().min(1).max(200)).max(100).default([]),
        roles: z.array(z.enum(WORKSPACE_ROLES)).default([]),
      })
      .optional(),
    match: z.strictObject({
      eventTypes: z.array(eventType).max(200).refine(unique, 'must not name an event type twice').default([]),
      categories: z.array(z.enum(CATEGORIES)).refine(unique, 'must not name a category twice').default([]),
      result: z.enum(['success', 'warning', 'failure']).optional(),
      actorId: z.string().min(1).max(200).optional(),
    }),
    channels: z.array(z.enum(['in_app', 'email'])).max(2),
  })
  .refine((body) => body.scope === 'workspace' || body.recipients === undefined, {
    path: ['recipients'],
    message: 'only a workspace rule has recipients; a personal rule alerts you',
  });

export type AlertRuleBody = z.infer<typeof alertRuleBodySchema>;
