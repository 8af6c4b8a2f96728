import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Only the checkpoints the live publisher follows (the activity feed and the
 * stats) announce their commits. Postgres serialises the commits of every
 * transaction that sends a NOTIFY on one lock, held through the WAL flush, so
 * each projection and reactor announcing each batch made them queue behind
 * one another for nothing: nobody listens for the others.
 */
export class CheckpointNotifyWatched1763771000000 implements MigrationInterface {
  name = 'CheckpointNotifyWatched1763771000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER projection_checkpoints_notify ON projection_checkpoints');
    await queryRunner.query(`
      CREATE TRIGGER projection_checkpoints_notify AFTER INSERT OR UPDATE ON projection_checkpoints
      FOR EACH ROW WHEN (NEW.projection IN ('activity-feed', 'stats')) EXECUTE FUNCTION notify_projection_checkpoint()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER projection_checkpoints_notify ON projection_checkpoints');
    await queryRunner.query(`
      CREATE TRIGGER projection_checkpoints_notify AFTER INSERT OR UPDATE ON projection_checkpoints
      FOR EACH ROW EXECUTE FUNCTION notify_projection_checkpoint()`);
  }
}
