import { ApiError } from '../api/http-client';

/** What to tell the user about a failed call. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof TypeError) return 'The Trailmark API could not be reached. Check your connection and try again.';
  return error instanceof Error ? error.message : String(error);
}
