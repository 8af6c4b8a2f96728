import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from './credentials.store';

const email = z.email('must be an email address').max(254, 'must be at most 254 characters');
/** argon2 accepts any length; the cap only stops someone making the server hash megabytes. */
const newPassword = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(1024, 'must be at most 1024 characters');

export const loginSchema = z.object({ email, password: z.string().min(1, 'is required').max(1024, 'must be at most 1024 characters') });
export const switchWorkspaceSchema = z.object({ workspaceId: z.string().min(1, 'is required').max(200) });
export const passwordResetRequestSchema = z.object({ email });
export const passwordResetCompleteSchema = z.object({ email, token: z.string().min(1, 'is required').max(200), password: newPassword });
export const invitationRegisterSchema = z.object({
  displayName: z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters'),
  password: newPassword,
});

export type LoginBody = z.infer<typeof loginSchema>;
export type SwitchWorkspaceBody = z.infer<typeof switchWorkspaceSchema>;
export type PasswordResetRequestBody = z.infer<typeof passwordResetRequestSchema>;
export type PasswordResetCompleteBody = z.infer<typeof passwordResetCompleteSchema>;
export type InvitationRegisterBody = z.infer<typeof invitationRegisterSchema>;
