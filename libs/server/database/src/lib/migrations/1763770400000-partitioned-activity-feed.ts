import type { MigrationInterface, QueryRunner } from 'typeorm';

const INDEXES = [
  'CREATE INDEX activity_feed_workspace_time ON activity_feed (workspace_id, occurred_at DESC, position DESC)',
  'CREATE INDEX activity_feed_workspace_actor_time ON activity_feed (workspace_id, actor_id, occurred_at DESC)',
];

/**
 * The activity feed becomes a table partitioned by month of `occurred_at`,
 * so retention can drop a whole month and queries over a period touch only
 * its months. The key must hold the partition column: (position,
 * occurred_at), still one row per event since an event's time never changes.
 * Existing rows are copied into a partition per month they cover; the
 * projection creates later months as events need them, and rows that fit no
 * partition wait in the DEFAULT one.
 */
export class PartitionedActivityFeed1763770400000 implements MigrationInterface {
  name = 'PartitionedActivityFeed1763770400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE activity_feed_next (LIKE activity_feed INCLUDING DEFAULTS) PARTITION BY RANGE (occurred_at)');
    await queryRunner.query('CREATE TABLE activity_feed_default PARTITION OF activity_feed_next DEFAULT');
    await queryRunner.query(`
      DO $$
      DECLARE month timestamp;
      BEGIN
        FOR month IN SELECT DISTINCT date_trunc('month', occurred_at AT TIME ZONE 'UTC') FROM activity_feed LOOP
          EXECUTE format('CREATE TABLE %I PARTITION OF activity_feed_next FOR VALUES FROM (%L) TO (%L)',
            'activity_feed_' || to_char(month, 'YYYY_MM'), month AT TIME ZONE 'UTC', (month + interval '1 month') AT TIME ZONE 'UTC');
        END LOOP;
      END $$`);
    await queryRunner.query('INSERT INTO activity_feed_next SELECT * FROM activity_feed');
    await queryRunner.query('DROP TABLE activity_feed');
    await queryRunner.query('ALTER TABLE activity_feed_next RENAME TO activity_feed');
    await queryRunner.query('ALTER TABLE activity_feed ADD CONSTRAINT activity_feed_pkey PRIMARY KEY (position, occurred_at)');
    for (const index of INDEXES) await queryRunner.query(index);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE activity_feed_plain (LIKE activity_feed INCLUDING DEFAULTS)');
    await queryRunner.query('INSERT INTO activity_feed_plain SELECT * FROM activity_feed');
    await queryRunner.query('DROP TABLE activity_feed');
    await queryRunner.query('ALTER TABLE activity_feed_plain RENAME TO activity_feed');
    await queryRunner.query('ALTER TABLE activity_feed ADD CONSTRAINT activity_feed_pkey PRIMARY KEY (position)');
    for (const index of INDEXES) await queryRunner.query(index);
  }
}
