import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Opening one event of the feed looks it up by workspace and event id, in every partition. */
export class ActivityFeedEventIndex1763770600000 implements MigrationInterface {
  name = 'ActivityFeedEventIndex1763770600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX activity_feed_workspace_event ON activity_feed (workspace_id, event_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX activity_feed_workspace_event');
  }
}
