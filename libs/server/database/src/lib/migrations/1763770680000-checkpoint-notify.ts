import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every committed checkpoint announces itself on `trailmark_checkpoints` (the
 * projection's name as payload). NOTIFY is delivered at commit, so a listener
 * woken by it reads the batch that moved the checkpoint: the live channel
 * pushes feed rows only once their projection has committed them.
 */
export class CheckpointNotify1763770680000 implements MigrationInterface {
  name = 'CheckpointNotify1763770680000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION notify_projection_checkpoint() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('trailmark_checkpoints', NEW.projection);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER projection_checkpoints_notify AFTER INSERT OR UPDATE ON projection_checkpoints
      FOR EACH ROW EXECUTE FUNCTION notify_projection_checkpoint()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER projection_checkpoints_notify ON projection_checkpoints');
    await queryRunner.query('DROP FUNCTION notify_projection_checkpoint()');
  }
}
