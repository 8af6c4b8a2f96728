import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@trailmark/database';
import { hash, type Options, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';

export const MIN_PASSWORD_LENGTH = 10;

/**
 * OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): tens of milliseconds
 * per sign-in instead of the library default's half second on a small
 * server, which would also make sign-in an easy way to exhaust the CPU.
 * The parameters are stored in each hash, so raising them later is safe.
 */
// @node-rs/argon2 hashes with argon2id unless told otherwise.
const HASHING: Options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export class PasswordTooShortError extends Error {
  constructor() {
    super(`A password must be at least ${MIN_PASSWORD_LENGTH} characters long`);
    this.name = 'PasswordTooShortError';
  }
}

/**
 * Password hashes (argon2id) in `auth_credentials`, never in events: events
 * are immutable and exported as evidence.
 */
@Injectable()
export class CredentialsStore {
  /** Verified against when an account has no credential, so the answer takes as long as a real check. */
  private readonly dummyHash = hash(randomBytes(16).toString('hex'), HASHING);

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async setPassword(userId: string, plain: string): Promise<void> {
    if (plain.length < MIN_PASSWORD_LENGTH) throw new PasswordTooShortError();
    const passwordHash = await hash(plain, HASHING);
    await this.pool.query(
      `INSERT INTO auth_credentials (user_id, password_hash) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET password_hash = excluded.password_hash, updated_at = now()`,
      [userId, passwordHash],
    );
  }

  /** False for an unknown user too, after the same amount of work. */
  async verify(userId: string | undefined, plain: string): Promise<boolean> {
    const { rows } = userId
      ? await this.pool.query<{ password_hash: string }>('SELECT password_hash FROM auth_credentials WHERE user_id = $1', [userId])
      : { rows: [] };
    const stored = rows[0]?.password_hash;
    const matches = await verify(stored ?? (await this.dummyHash), plain);
    return stored !== undefined && matches;
  }
}
