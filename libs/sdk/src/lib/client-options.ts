import { MAX_EVENTS_PER_REQUEST } from '@trailmark/contracts';
import type { RetryPolicy } from './backoff';
import type { TrailmarkDeliveryError } from './errors';

export interface TrailmarkClientOptions {
  /** Where the Trailmark API listens, e.g. `https://trailmark.example.com`. */
  baseUrl: string;
  /** A workspace ingestion key. Server side only: never ship it to a browser. */
  apiKey: string;
  /** Events per request, at most MAX_EVENTS_PER_REQUEST. Default 500. */
  batchSize?: number;
  /** Longest time an event waits in the queue before it is sent. Default 1000 ms. */
  flushIntervalMs?: number;
  /** Events allowed to wait; `track` throws TrailmarkQueueFullError beyond. Default 100 000. */
  maxQueue?: number;
  retry?: Partial<RetryPolicy>;
  /** One request is abandoned (and retried) after this long. Default 10 000 ms. */
  requestTimeoutMs?: number;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Called for every batch that is dropped. Defaults to a line on stderr. */
  onError?: (error: TrailmarkDeliveryError) => void;
}

export interface ClientConfig {
  eventsUrl: string;
  apiKey: string;
  batchSize: number;
  flushIntervalMs: number;
  maxQueue: number;
  retry: RetryPolicy;
  requestTimeoutMs: number;
  fetch: typeof fetch;
  onError: (error: TrailmarkDeliveryError) => void;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 8, baseDelayMs: 200, maxDelayMs: 30_000 };

/** Fills in defaults and refuses options that could only fail later, at send time. */
export function resolveClientOptions(options: TrailmarkClientOptions): ClientConfig {
  const { baseUrl, apiKey, batchSize = 500, flushIntervalMs = 1000, maxQueue = 100_000, requestTimeoutMs = 10_000 } = options;
  if (!/^https?:\/\/[^/]/i.test(baseUrl ?? '')) throw new TypeError(`Trailmark baseUrl must be an http(s) URL, got ${JSON.stringify(baseUrl)}`);
  if (typeof apiKey !== 'string' || apiKey.trim() === '') throw new TypeError('Trailmark apiKey is required');
  requireWhole('batchSize', batchSize, 1, MAX_EVENTS_PER_REQUEST);
  requireWhole('flushIntervalMs', flushIntervalMs, 1);
  requireWhole('maxQueue', maxQueue, 1);
  requireWhole('requestTimeoutMs', requestTimeoutMs, 1);
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  requireWhole('retry.attempts', retry.attempts, 1);
  requireWhole('retry.baseDelayMs', retry.baseDelayMs, 0);
  requireWhole('retry.maxDelayMs', retry.maxDelayMs, 0);
  return {
    eventsUrl: `${baseUrl.replace(/\/+$/, '')}/v1/events`,
    apiKey,
    batchSize,
    flushIntervalMs,
    maxQueue,
    retry,
    requestTimeoutMs,
    fetch: options.fetch ?? globalThis.fetch,
    onError: options.onError ?? ((error) => console.error(`[trailmark] ${error.message}`)),
  };
}

function requireWhole(name: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`Trailmark ${name} must be a whole number from ${min} to ${max}, got ${value}`);
  }
}
