declare const brand: unique symbol;

/**
 * A place in `$all`. Callers treat it as opaque; it is a fixed-width string, so
 * plain string comparison orders positions.
 */
export type Position = string & { readonly [brand]: 'Position' };

const WIDTH = 20;

export function encodePosition(major: bigint, minor: bigint): Position {
  return `${pad(major)}:${pad(minor)}` as Position;
}

export function decodePosition(position: Position | string): { major: bigint; minor: bigint } {
  const match = /^(\d{20}):(\d{20})$/.exec(position);
  if (!match) {
    throw new InvalidPositionError(position);
  }
  return { major: BigInt(match[1]), minor: BigInt(match[2]) };
}

export function isPosition(value: unknown): value is Position {
  return typeof value === 'string' && /^\d{20}:\d{20}$/.test(value);
}

export function comparePositions(a: Position, b: Position): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export class InvalidPositionError extends Error {
  constructor(readonly value: string) {
    super(`"${value}" is not an event store position`);
    this.name = 'InvalidPositionError';
  }
}

function pad(n: bigint): string {
  if (n < 0n) {
    throw new RangeError('Positions are never negative');
  }
  return n.toString().padStart(WIDTH, '0');
}
