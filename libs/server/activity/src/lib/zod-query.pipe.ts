import { BadRequestException, type PipeTransform } from '@nestjs/common';
import type { ValidationIssue } from '@trailmark/auth';
import type { z } from 'zod';

/** Parses a query string with a zod schema; a bad one is a 400 listing every issue, like a bad body. */
export class ZodQueryPipe<T> implements PipeTransform<unknown, T> {
  constructor(private readonly schema: z.ZodType<T>) {}

  transform(value: unknown): T {
    const parsed = this.schema.safeParse(value ?? {});
    if (parsed.success) return parsed.data;
    const issues: ValidationIssue[] = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    throw new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message: `The query string is not valid: ${issues.map(({ path, message }) => (path ? `${path} ${message}` : message)).join('; ')}`,
      issues,
    });
  }
}
