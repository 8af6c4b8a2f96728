import { CATEGORIES, EVENT_CATALOGUE } from '@trailmark/contracts';
import { z } from 'zod';
import { allowPrivateDestinations, destinationUrlProblem } from './destination-url';

const url = z
  .string()
  .max(2000)
  .superRefine((value, context) => {
    const problem = destinationUrlProblem(value, allowPrivateDestinations());
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });
const eventType = z.string().refine((type) => Object.hasOwn(EVENT_CATALOGUE, type), 'is not a Trailmark event type');
const distinct = <T>(values: T[]) => new Set(values).size === values.length;

const settings = {
  name: z.string().trim().min(1).max(100),
  url,
  categories: z.array(z.enum(CATEGORIES)).max(CATEGORIES.length).refine(distinct, 'must not name a category twice'),
  eventTypes: z.array(eventType).max(200).refine(distinct, 'must not name an event type twice'),
  batchSize: z.number().int().min(1).max(1000),
};

/** No categories and no event types means every event of the workspace. */
export const createDestinationBody = z.strictObject({
  ...settings,
  categories: settings.categories.default([]),
  eventTypes: settings.eventTypes.default([]),
  batchSize: settings.batchSize.default(100),
});
export type CreateDestinationBody = z.infer<typeof createDestinationBody>;

export const updateDestinationBody = z
  .strictObject(settings)
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'must change at least one of name, url, categories, eventTypes, batchSize');
export type UpdateDestinationBody = z.infer<typeof updateDestinationBody>;

export const deliveriesQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('Most entries per page (1-200, default 50)'),
  cursor: z.string().regex(/^\d{1,18}$/, 'is not a cursor this API handed out').optional().describe('nextCursor of the previous page'),
});
export type DeliveriesQuery = z.infer<typeof deliveriesQuery>;
