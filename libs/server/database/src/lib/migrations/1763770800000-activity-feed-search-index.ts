import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Free-text search of the feed (`q`) is a case-insensitive substring match
 * over label, event type, record type and IP. A trigram GIN index over those
 * fields, lower-cased and joined by a unit separator (which no search term
 * holds, so a match never spans two fields), lets it skip rows that cannot
 * match. Built on the partitioned parent, so every month partition, present
 * or created later, gets its own. The expression must stay exactly as the
 * activity library writes it (SEARCH_DOCUMENT) for the planner to use it.
 */
export class ActivityFeedSearchIndex1763770800000 implements MigrationInterface {
  name = 'ActivityFeedSearchIndex1763770800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await queryRunner.query(
      `CREATE INDEX activity_feed_search ON activity_feed USING gin ((lower(label || E'\\x1f' || event_type || E'\\x1f' || coalesce(record_type, '') || E'\\x1f' || coalesce(ip, ''))) gin_trgm_ops)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX activity_feed_search');
  }
}
