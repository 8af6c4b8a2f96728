import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * KPI read models kept by the `stats` projection, bucketed by occurrence
 * time in UTC: every count is kept by the hour and by the day, so a window of
 * whole days reads 24 times fewer rows. `account` marks sign-in, session and
 * user-account events, which the dashboard widget leaves out.
 */
export class Stats1763770200000 implements MigrationInterface {
  name = 'Stats1763770200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE stats_workspace_buckets (
        workspace_id text NOT NULL,
        grain text NOT NULL CHECK (grain IN ('hour', 'day')),
        bucket timestamptz NOT NULL,
        category text NOT NULL,
        kind text NOT NULL,
        account boolean NOT NULL,
        events bigint NOT NULL,
        PRIMARY KEY (workspace_id, grain, bucket, category, kind, account)
      )`);
    await queryRunner.query(`
      CREATE TABLE stats_actor_category_buckets (
        workspace_id text NOT NULL,
        actor_id text NOT NULL,
        grain text NOT NULL CHECK (grain IN ('hour', 'day')),
        bucket timestamptz NOT NULL,
        category text NOT NULL,
        kind text NOT NULL,
        account boolean NOT NULL,
        events bigint NOT NULL,
        PRIMARY KEY (workspace_id, actor_id, grain, bucket, category, kind, account)
      )`);
    await queryRunner.query(`
      CREATE TABLE stats_actor_buckets (
        workspace_id text NOT NULL,
        grain text NOT NULL CHECK (grain IN ('hour', 'day')),
        bucket timestamptz NOT NULL,
        actor_id text NOT NULL,
        account boolean NOT NULL,
        events bigint NOT NULL,
        last_seen timestamptz NOT NULL,
        actor_name text NOT NULL,
        PRIMARY KEY (workspace_id, grain, bucket, actor_id, account)
      )`);
    await queryRunner.query('CREATE INDEX stats_actor_buckets_actor ON stats_actor_buckets (workspace_id, actor_id, grain, bucket)');
    // One row per address a day; bit h of hours is set when it was seen in UTC hour h, so any whole-hour window counts exactly.
    await queryRunner.query(`
      CREATE TABLE stats_ip_days (
        workspace_id text NOT NULL,
        day date NOT NULL,
        ip text COLLATE "C" NOT NULL,
        actor_id text NOT NULL,
        hours integer NOT NULL,
        non_account_hours integer NOT NULL,
        PRIMARY KEY (workspace_id, day, ip, actor_id)
      )`);
    await queryRunner.query('CREATE INDEX stats_ip_days_actor ON stats_ip_days (workspace_id, actor_id, day)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE stats_ip_days, stats_actor_buckets, stats_actor_category_buckets, stats_workspace_buckets');
  }
}
