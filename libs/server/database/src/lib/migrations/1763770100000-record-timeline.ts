import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Activity tab of a record: one row per event about a record, keyed by
 * its store position so a replayed batch inserts nothing twice; and the
 * current label of each record, by the host's stable record id (a number may
 * come later), with the position of the last event folded into it.
 */
export class RecordTimeline1763770100000 implements MigrationInterface {
  name = 'RecordTimeline1763770100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE record_timeline (
        position text PRIMARY KEY,
        event_id text NOT NULL,
        workspace_id text NOT NULL,
        record_type text NOT NULL,
        record_id text NOT NULL,
        event_type text NOT NULL,
        category text NOT NULL,
        kind text NOT NULL,
        label text NOT NULL,
        entry text NOT NULL CHECK (entry IN ('created', 'updated', 'status', 'assigned', 'comment', 'reply', 'deleted', 'file', 'viewed', 'other')),
        actor_kind text,
        actor_id text,
        actor_name text,
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL,
        changes jsonb NOT NULL,
        body text,
        from_value jsonb,
        to_value jsonb,
        url text,
        details jsonb NOT NULL
      )`);
    await queryRunner.query(
      'CREATE INDEX record_timeline_record_time ON record_timeline (workspace_id, record_type, record_id, occurred_at, position)',
    );
    await queryRunner.query(`
      CREATE TABLE record_labels (
        workspace_id text NOT NULL,
        record_type text NOT NULL,
        record_id text NOT NULL,
        label text NOT NULL,
        names jsonb NOT NULL,
        host_name text,
        created_at timestamptz,
        deleted boolean NOT NULL,
        position text NOT NULL,
        PRIMARY KEY (workspace_id, record_type, record_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE record_labels');
    await queryRunner.query('DROP TABLE record_timeline');
  }
}
