import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Alert rules as the alert reactor evaluates them (also what the API lists),
 * the reactor's own view of members (role and address at that point of the
 * log), and the in-app notifications of each recipient.
 */
export class Notifications1763770700000 implements MigrationInterface {
  name = 'Notifications1763770700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE alert_rules (
        workspace_id text NOT NULL,
        rule_id text NOT NULL,
        scope_kind text NOT NULL,
        owner_id text,
        user_ids text[] NOT NULL DEFAULT '{}',
        roles text[] NOT NULL DEFAULT '{}',
        name text NOT NULL,
        event_types text[] NOT NULL DEFAULT '{}',
        categories text[] NOT NULL DEFAULT '{}',
        result text,
        actor_id text,
        channels text[] NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (workspace_id, rule_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE alert_members (
        workspace_id text NOT NULL,
        user_id text NOT NULL,
        role text NOT NULL,
        email text,
        PRIMARY KEY (workspace_id, user_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE notifications (
        workspace_id text NOT NULL,
        recipient_id text NOT NULL,
        notification_id text NOT NULL,
        position text NOT NULL,
        rule_id text NOT NULL,
        rule_name text NOT NULL,
        source_event_id text NOT NULL,
        source_type text NOT NULL,
        label text NOT NULL,
        raised_at timestamptz NOT NULL,
        read_at timestamptz,
        PRIMARY KEY (workspace_id, recipient_id, notification_id)
      )`);
    await queryRunner.query('CREATE INDEX notifications_recipient_position ON notifications (workspace_id, recipient_id, position DESC)');
    await queryRunner.query('CREATE INDEX notifications_unread ON notifications (workspace_id, recipient_id) WHERE read_at IS NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE notifications');
    await queryRunner.query('DROP TABLE alert_members');
    await queryRunner.query('DROP TABLE alert_rules');
  }
}
