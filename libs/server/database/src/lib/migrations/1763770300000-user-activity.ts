import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The user-activity read models: per-user sign-in counters, the sign-in
 * history (one row per attempt, keyed by store position), active days, the
 * IPs and devices each user has signed in from, and security signals. All are
 * per workspace; `user_activity_members` is the projection's own view of who
 * belongs where, so replaying it never depends on another projection's progress.
 */
export class UserActivity1763770300000 implements MigrationInterface {
  name = 'UserActivity1763770300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE user_activity_members (
        workspace_id text NOT NULL,
        user_id text NOT NULL,
        PRIMARY KEY (workspace_id, user_id)
      )`);
    await queryRunner.query('CREATE INDEX user_activity_members_user ON user_activity_members (user_id)');
    await queryRunner.query(`
      CREATE TABLE user_login_stats (
        workspace_id text NOT NULL,
        user_id text NOT NULL,
        user_kind text NOT NULL,
        user_name text,
        login_count int NOT NULL DEFAULT 0,
        failure_count int NOT NULL DEFAULT 0,
        activity_count int NOT NULL DEFAULT 0,
        last_login_at timestamptz,
        last_ip text,
        last_device_type text,
        last_device_os text,
        last_device_browser text,
        last_failure_at timestamptz,
        last_activity_at timestamptz,
        last_position text NOT NULL,
        PRIMARY KEY (workspace_id, user_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE user_login_history (
        workspace_id text NOT NULL,
        position text NOT NULL,
        event_id text NOT NULL,
        user_id text NOT NULL,
        result text NOT NULL,
        reason text,
        ip text,
        device_type text,
        device_os text,
        device_browser text,
        occurred_at timestamptz NOT NULL,
        PRIMARY KEY (workspace_id, position)
      )`);
    await queryRunner.query('CREATE INDEX user_login_history_user_time ON user_login_history (workspace_id, user_id, occurred_at DESC, position DESC)');
    await queryRunner.query('CREATE INDEX user_login_history_time ON user_login_history (workspace_id, occurred_at)');
    await queryRunner.query("CREATE INDEX user_login_history_ip_failures ON user_login_history (workspace_id, ip, occurred_at) WHERE result = 'failure'");
    await queryRunner.query(`
      CREATE TABLE user_activity_days (
        workspace_id text NOT NULL,
        user_id text NOT NULL,
        day date NOT NULL,
        events int NOT NULL,
        PRIMARY KEY (workspace_id, user_id, day)
      )`);
    await queryRunner.query('CREATE INDEX user_activity_days_day ON user_activity_days (workspace_id, day)');
    for (const [table, column] of [
      ['user_seen_ips', 'ip'],
      ['user_seen_devices', 'device_key'],
    ]) {
      await queryRunner.query(`
        CREATE TABLE ${table} (
          workspace_id text NOT NULL,
          user_id text NOT NULL,
          ${column} text NOT NULL,
          first_seen_at timestamptz NOT NULL,
          first_position text NOT NULL,
          PRIMARY KEY (workspace_id, user_id, ${column})
        )`);
    }
    await queryRunner.query(`
      CREATE TABLE user_security_signals (
        workspace_id text NOT NULL,
        kind text NOT NULL,
        subject text NOT NULL,
        first_position text NOT NULL,
        last_position text NOT NULL,
        user_id text,
        ip text,
        device_type text,
        device_os text,
        device_browser text,
        failures int NOT NULL,
        accounts int NOT NULL,
        started_at timestamptz NOT NULL,
        last_at timestamptz NOT NULL,
        PRIMARY KEY (workspace_id, kind, subject, first_position)
      )`);
    await queryRunner.query('CREATE INDEX user_security_signals_time ON user_security_signals (workspace_id, last_at DESC)');
    await queryRunner.query('CREATE INDEX user_security_signals_user ON user_security_signals (workspace_id, user_id, last_at DESC)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['user_security_signals', 'user_seen_devices', 'user_seen_ips', 'user_activity_days', 'user_login_history', 'user_login_stats', 'user_activity_members']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
