import { BadRequestException, HttpException, HttpStatus, NotFoundException } from '@nestjs/common';
import express from 'express';
import request from 'supertest';
import { toClientError, toHttpErrorBody } from './http-error';

/** The errors express's own parsers raise for a bad body, captured from the real middleware. */
async function parserError(body: string, limit = '1kb'): Promise<unknown> {
  let captured: unknown;
  const app = express();
  app.use(express.json({ limit }));
  app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    captured = error;
    res.status(204).end();
  });
  await request(app).post('/').set('content-type', 'application/json').send(body);
  return captured;
}

describe('toHttpErrorBody', () => {
  it('keeps the status and message of Nest HTTP exceptions', () => {
    expect(toHttpErrorBody(new NotFoundException('No such stream'))).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'No such stream',
    });
    expect(toHttpErrorBody(new BadRequestException(['name must be a string']))).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: ['name must be a string'],
    });
  });

  it('answers malformed JSON with 400 and says so', async () => {
    expect(toHttpErrorBody(await parserError('{"name": '))).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: expect.stringMatching(/^Request body is not valid JSON: /),
    });
  });

  it('answers an oversized body with 413 and the limit', async () => {
    expect(toHttpErrorBody(await parserError(JSON.stringify({ blob: 'x'.repeat(2_000) })))).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      message: 'Request body is larger than the limit of 1024 bytes',
    });
  });

  it('keeps other 4xx errors raised by express', () => {
    const error = Object.assign(new URIError("Failed to decode param '%E0%A4%A'"), { status: 400 });
    expect(toHttpErrorBody(error)).toEqual({ statusCode: 400, error: 'Bad Request', message: error.message });
  });

  it.each([new Error('connection refused to 10.0.0.5'), 'a string', undefined, { status: 503 }])(
    'hides everything about unexpected errors (%p)',
    (exception) => {
      expect(toHttpErrorBody(exception)).toEqual({
        statusCode: 500,
        error: 'Internal Server Error',
        message: 'Internal server error',
      });
    },
  );

  it('keeps deliberate 5xx HTTP exceptions', () => {
    expect(toHttpErrorBody(new HttpException('Event store unavailable', HttpStatus.SERVICE_UNAVAILABLE)).statusCode).toBe(503);
  });
});

describe('toClientError', () => {
  it('is undefined for server-side failures', () => {
    expect(toClientError(new Error('boom'))).toBeUndefined();
    expect(toClientError(new HttpException('down', HttpStatus.SERVICE_UNAVAILABLE))).toBeUndefined();
  });
});
