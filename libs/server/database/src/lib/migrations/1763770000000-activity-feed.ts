import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The workspace activity feed: one row per workspace event, keyed by its
 * store position so a replayed batch inserts nothing twice. A plain table for
 * now; partitioning by time comes later.
 */
export class ActivityFeed1763770000000 implements MigrationInterface {
  name = 'ActivityFeed1763770000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE activity_feed (
        position text PRIMARY KEY,
        event_id text NOT NULL,
        workspace_id text NOT NULL,
        stream_name text NOT NULL,
        event_type text NOT NULL,
        category text NOT NULL,
        kind text NOT NULL,
        label text NOT NULL,
        actor_kind text,
        actor_id text,
        actor_name text,
        impersonator_id text,
        result text,
        ip text,
        device_type text,
        device_os text,
        device_browser text,
        record_type text,
        record_id text,
        record_label text,
        url text,
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL,
        details jsonb NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX activity_feed_workspace_time ON activity_feed (workspace_id, occurred_at DESC, position DESC)');
    await queryRunner.query('CREATE INDEX activity_feed_workspace_actor_time ON activity_feed (workspace_id, actor_id, occurred_at DESC)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE activity_feed');
  }
}
