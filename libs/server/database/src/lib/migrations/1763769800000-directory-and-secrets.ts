import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Projection checkpoints; the directory read models (users, workspaces,
 * members, API keys) that sign-in, authorisation and ingestion read; and the
 * two secret stores. Password hashes and session token hashes never go into
 * events: events are immutable and exported as evidence.
 */
export class DirectoryAndSecrets1763769800000 implements MigrationInterface {
  name = 'DirectoryAndSecrets1763769800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE projection_checkpoints (
        projection text PRIMARY KEY,
        position text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE directory_users (
        user_id text PRIMARY KEY,
        email text NOT NULL,
        display_name text NOT NULL,
        platform_admin boolean NOT NULL DEFAULT false,
        locked_until timestamptz,
        registered_at timestamptz NOT NULL
      )`);
    await queryRunner.query('CREATE UNIQUE INDEX directory_users_email_key ON directory_users (lower(email))');
    await queryRunner.query(`
      CREATE TABLE directory_workspaces (
        workspace_id text PRIMARY KEY,
        name text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE directory_members (
        workspace_id text NOT NULL,
        user_id text NOT NULL,
        role text NOT NULL,
        joined_at timestamptz NOT NULL,
        PRIMARY KEY (workspace_id, user_id)
      )`);
    await queryRunner.query('CREATE INDEX directory_members_user_idx ON directory_members (user_id)');
    await queryRunner.query(`
      CREATE TABLE directory_api_keys (
        api_key_id text PRIMARY KEY,
        workspace_id text NOT NULL,
        name text NOT NULL,
        prefix text NOT NULL,
        key_hash text NOT NULL,
        created_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
    await queryRunner.query(`
      CREATE TABLE auth_credentials (
        user_id text PRIMARY KEY,
        password_hash text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE auth_sessions (
        session_id text PRIMARY KEY,
        user_id text NOT NULL,
        token_hash text NOT NULL UNIQUE,
        workspace_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        ended_at timestamptz
      )`);
    await queryRunner.query('CREATE INDEX auth_sessions_user_idx ON auth_sessions (user_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['auth_sessions', 'auth_credentials', 'directory_api_keys', 'directory_members', 'directory_workspaces', 'directory_users', 'projection_checkpoints']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
