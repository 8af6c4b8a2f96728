import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One round trip per append: the client reads the stream head, chains the
 * hashes, then calls es_append, which takes the stream's advisory lock (no
 * transaction id yet), checks the head is still where the client saw it, and
 * writes events and head together. A moved head returns a conflict instead.
 * The events travel as one JSON document: serialising and parsing JSON is
 * native on both sides, where array parameters are escaped value by value.
 */
export class EventStoreAppendFunction1763769700000 implements MigrationInterface {
  name = 'EventStoreAppendFunction1763769700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION es_append(
        p_stream text, p_head_revision bigint, p_events json, p_count int, p_recorded_at timestamptz, p_head_hash text
      ) RETURNS TABLE (tx text, last_position bigint, revision bigint)
      LANGUAGE plpgsql AS $$
      DECLARE
        v_current bigint;
        v_count int := p_count;
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtextextended(p_stream, 0));
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
  }
}
