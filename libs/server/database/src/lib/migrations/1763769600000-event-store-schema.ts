import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Postgres event store. Global order is (tx_id, position): readers only
 * take rows below the oldest running transaction, so a transaction that
 * commits late can never be skipped. The database itself rejects UPDATE,
 * DELETE and TRUNCATE of events.
 */
export class EventStoreSchema1763769600000 implements MigrationInterface {
  name = 'EventStoreSchema1763769600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE es_streams (
        stream_name text PRIMARY KEY,
        revision bigint NOT NULL,
        head_hash text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE es_events (
        position bigint GENERATED ALWAYS AS IDENTITY,
        tx_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        event_id text NOT NULL,
        stream_name text NOT NULL,
        revision bigint NOT NULL,
        event_type text NOT NULL,
        data json NOT NULL,
        metadata json NOT NULL,
        recorded_at timestamptz NOT NULL,
        CONSTRAINT es_events_pkey PRIMARY KEY (tx_id, position),
        CONSTRAINT es_events_event_id_key UNIQUE (event_id),
        CONSTRAINT es_events_stream_revision_key UNIQUE (stream_name, revision)
      )`);
    await queryRunner.query(`
      CREATE FUNCTION es_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'events are immutable: % on % is not allowed', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'P0001', HINT = 'append a new event instead';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER es_events_immutable BEFORE UPDATE OR DELETE ON es_events
      FOR EACH ROW EXECUTE FUNCTION es_reject_change()`);
    await queryRunner.query(`
      CREATE TRIGGER es_events_no_truncate BEFORE TRUNCATE ON es_events
      FOR EACH STATEMENT EXECUTE FUNCTION es_reject_change()`);
  }

  async down(): Promise<void> {
    throw new Error('The event store schema is never rolled back: events are immutable');
  }
}
