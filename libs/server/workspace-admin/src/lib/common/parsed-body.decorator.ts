import { Body } from '@nestjs/common';
import { ApiBody } from '@nestjs/swagger';
import { apiBodyOf, ZodBodyPipe } from '@trailmark/auth';
import type { z } from 'zod';

/** `@Body()` parsed by `schema` (a 400 lists every issue), which also documents the body in the OpenAPI document. */
export function ParsedBody(schema: z.ZodType): ParameterDecorator {
  return (target, key, index) => {
    Body(new ZodBodyPipe(schema))(target, key, index);
    if (key !== undefined) ApiBody(apiBodyOf(schema))(target, key, Object.getOwnPropertyDescriptor(target, key) as PropertyDescriptor);
  };
}
