import { BadRequestException, type PipeTransform } from '@nestjs/common';
import type { ApiBodyOptions } from '@nestjs/swagger';
import { z } from 'zod';

export interface ValidationIssue {
  /** Dotted path of the offending field; empty for the body itself. */
  path: string;
  message: string;
}

/** Parses a request body with a zod schema; a bad one is a 400 listing every issue. */
export class ZodBodyPipe<T> implements PipeTransform<unknown, T> {
  constructor(private readonly schema: z.ZodType<T>) {}

  transform(value: unknown): T {
    const parsed = this.schema.safeParse(value);
    if (parsed.success) return parsed.data;
    const issues: ValidationIssue[] = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    throw new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message: `The request body is not valid: ${issues.map(describe).join('; ')}`,
      issues,
    });
  }
}

function describe({ path, message }: ValidationIssue): string {
  return path ? `${path} ${message}` : message;
}

/** The OpenAPI body of a route, from the same schema that validates it. */
export function apiBodyOf(schema: z.ZodType): ApiBodyOptions {
  return { schema: z.toJSONSchema(schema, { io: 'input', target: 'openapi-3.0' }) as Extract<ApiBodyOptions, { schema: unknown }>['schema'] };
}
