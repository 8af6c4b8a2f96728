import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbound streaming. The HMAC secret of each destination lives only in
 * `streaming_secrets`, never in an event. Each destination has its own
 * checkpoint, moved in the same transaction as the delivery-log row of the
 * batch that reached it.
 */
export class Streaming1763770750000 implements MigrationInterface {
  name = 'Streaming1763770750000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE streaming_secrets (
        destination_id text PRIMARY KEY,
        workspace_id text NOT NULL,
        secret text NOT NULL,
        rotated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE streaming_checkpoints (
        destination_id text PRIMARY KEY,
        workspace_id text NOT NULL,
        position text NOT NULL,
        delivered_events bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE streaming_deliveries (
        seq bigserial PRIMARY KEY,
        destination_id text NOT NULL,
        workspace_id text NOT NULL,
        delivery_id text NOT NULL,
        attempt int NOT NULL,
        succeeded boolean NOT NULL,
        status_code int,
        error text,
        first_position text NOT NULL,
        last_position text NOT NULL,
        event_count int NOT NULL,
        duration_ms int NOT NULL,
        next_retry_at timestamptz,
        attempted_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (destination_id, delivery_id, attempt)
      )`);
    await queryRunner.query('CREATE INDEX streaming_deliveries_by_destination ON streaming_deliveries (destination_id, seq DESC)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE streaming_deliveries');
    await queryRunner.query('DROP TABLE streaming_checkpoints');
    await queryRunner.query('DROP TABLE streaming_secrets');
  }
}
