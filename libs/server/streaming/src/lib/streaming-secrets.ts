import type { Pool } from 'pg';

/**
 * The HMAC secrets, kept out of events and logs: the table holds the only
 * copy, and the API shows a secret once, when it is made.
 */
export async function saveSecret(pool: Pool, workspaceId: string, destinationId: string, secret: string): Promise<void> {
  await pool.query(
    `INSERT INTO streaming_secrets (destination_id, workspace_id, secret) VALUES ($1, $2, $3)
     ON CONFLICT (destination_id) DO UPDATE SET secret = excluded.secret, rotated_at = now()`,
    [destinationId, workspaceId, secret],
  );
}

export async function readSecret(pool: Pool, destinationId: string): Promise<string | undefined> {
  const { rows } = await pool.query<{ secret: string }>('SELECT secret FROM streaming_secrets WHERE destination_id = $1', [destinationId]);
  return rows[0]?.secret;
}

export async function deleteSecret(pool: Pool, destinationId: string): Promise<void> {
  await pool.query('DELETE FROM streaming_secrets WHERE destination_id = $1', [destinationId]);
}
