import type { MigrationInterface, QueryRunner } from 'typeorm';
import { EventStoreAppendFunction1763769700000 } from './1763769700000-event-store-append-function';

/**
 * es_append also takes the shared "appender" advisory lock (class 0x74726d6b,
 * key 0: APPENDER_LOCK_CLASS in the event store) after the stream lock and
 * before its first write, so readers can tell event-appending transactions
 * from every other writer when they decide how far `$all` is complete.
 */
export class AppenderMarker1763770690000 implements MigrationInterface {
  name = 'AppenderMarker1763770690000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION es_append(
        p_stream text, p_head_revision bigint, p_events json, p_count int, p_recorded_at timestamptz, p_head_hash text
      ) RETURNS TABLE (tx text, last_position bigint, revision bigint)
      LANGUAGE plpgsql AS $$
      DECLARE
        v_current bigint;
        v_count int := p_count;
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtextextended(p_stream, 0));
        PERFORM pg_advisory_xact_lock_shared(1953656171, 0);
        SELECT s.revision INTO v_current FROM es_streams s WHERE s.stream_name = p_stream;
        v_current := coalesce(v_current, -1);
        IF v_current <> p_head_revision THEN
          RETURN QUERY SELECT NULL::text, NULL::bigint, v_current;
          RETURN;
        END IF;
        INSERT INTO es_events (event_id, stream_name, revision, event_type, data, metadata, recorded_at)
        SELECT e.id, p_stream, e.rev, e.type, e.data, e.metadata, p_recorded_at
        FROM json_to_recordset(p_events) AS e(id text, rev bigint, type text, data json, metadata json);
        INSERT INTO es_streams AS s (stream_name, revision, head_hash) VALUES (p_stream, p_head_revision + v_count, p_head_hash)
        ON CONFLICT (stream_name) DO UPDATE SET revision = excluded.revision, head_hash = excluded.head_hash, updated_at = now();
        PERFORM pg_notify('trailmark_events', p_stream);
        RETURN QUERY SELECT pg_current_xact_id()::text, currval(pg_get_serial_sequence('es_events', 'position')), p_head_revision + v_count;
      END
      $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP FUNCTION es_append(text, bigint, json, int, timestamptz, text)');
    await new EventStoreAppendFunction1763769700000().up(queryRunner);
  }
}
