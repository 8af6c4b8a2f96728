import { hashLink } from '@trailmark/event-store';

/** A stored event as the database's text: the JSON columns are parsed where the hash is computed. */
export type RawEventRow = [id: string, streamName: string, revision: number, type: string, data: string, metadata: string, position: string];

/** What the chain walk needs of an event: its links, and whether its content still matches its hash. */
export interface LinkFacts {
  prevHash: unknown;
  hash: unknown;
  intact: boolean;
}

/** The costly half of verification (JSON parsing and hashing), for any thread to run. */
export function linkFacts(rows: readonly RawEventRow[]): LinkFacts[] {
  return rows.map(([id, streamName, revision, type, dataText, metadataText]) => {
    const { hash, ...metadata } = JSON.parse(metadataText) as Record<string, unknown>;
    const data: unknown = JSON.parse(dataText);
    return { prevHash: metadata['prevHash'], hash, intact: hashLink({ streamName, revision, id, type, data, metadata }) === hash };
  });
}
