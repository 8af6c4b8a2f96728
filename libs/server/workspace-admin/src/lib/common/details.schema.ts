import { z } from 'zod';

const name = z.string().trim().min(1).max(100);
const description = z.string().trim().max(1000);

/** Name and description of a team or a group, on creation. */
export const createDetailsBody = z.strictObject({ name, description: description.optional() });

/** Fields left out stay as they are. */
export const updateDetailsBody = z
  .strictObject({ name: name.optional(), description: description.optional() })
  .refine((body) => body.name !== undefined || body.description !== undefined, 'must change the name, the description or both');

/** Adds a workspace member to a team or a group. */
export const memberBody = z.strictObject({ userId: z.string().min(1).max(200) });
