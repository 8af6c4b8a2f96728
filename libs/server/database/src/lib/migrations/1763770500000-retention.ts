import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention of the hot read models. `workspace_retention` is a read model of
 * each workspace's `retentionDays` setting (NULL: the configured default).
 * `retention_holds` records each period re-projected from the event store on
 * demand, and keeps it from being deleted again until `hold_until`. Retention
 * only ever deletes read-model rows; events stay.
 */
export class Retention1763770500000 implements MigrationInterface {
  name = 'Retention1763770500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE workspace_retention (
        workspace_id text PRIMARY KEY,
        feed_days integer CONSTRAINT workspace_retention_feed_days_check CHECK (feed_days > 0)
      )`);
    await queryRunner.query(`
      CREATE TABLE retention_holds (
        hold_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        workspace_id text NOT NULL,
        from_at timestamptz NOT NULL,
        to_at timestamptz NOT NULL,
        hold_until timestamptz NOT NULL,
        reprojected_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT retention_holds_period_check CHECK (from_at < to_at)
      )`);
    await queryRunner.query('CREATE INDEX retention_holds_workspace_idx ON retention_holds (workspace_id, hold_until)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE retention_holds');
    await queryRunner.query('DROP TABLE workspace_retention');
  }
}
