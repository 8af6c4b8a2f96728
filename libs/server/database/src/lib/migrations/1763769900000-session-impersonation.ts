import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A session in which a platform admin impersonates a member: requests act as
 * that member, within the one workspace the impersonation was started for.
 */
export class SessionImpersonation1763769900000 implements MigrationInterface {
  name = 'SessionImpersonation1763769900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE auth_sessions
        ADD COLUMN impersonated_user_id text,
        ADD COLUMN impersonation_workspace_id text,
        ADD CONSTRAINT auth_sessions_impersonation_check CHECK ((impersonated_user_id IS NULL) = (impersonation_workspace_id IS NULL))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE auth_sessions
        DROP CONSTRAINT auth_sessions_impersonation_check,
        DROP COLUMN impersonation_workspace_id,
        DROP COLUMN impersonated_user_id`);
  }
}
