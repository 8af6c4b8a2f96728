import { hash } from 'node:crypto';
import { type ChainKeys, canonicalText } from './canonical-text';

/** A stored event as the database's text: the JSON columns as stored, canonicalised where the hash is computed. */
export type RawEventRow = [id: string, streamName: string, revision: number, type: string, data: string, metadata: string, position: string];

/** What the chain walk needs of an event: its links, and whether its content still matches its hash. */
export interface LinkFacts {
  prevHash: unknown;
  hash: unknown;
  intact: boolean;
}

/**
 * The costly half of verification, for any thread: each event's hash input
 * rebuilt from its stored text (`canonicalJson(link)`, members in their
 * sorted order: data, id, metadata, revision, streamName, type) and hashed.
 * Undefined for an event whose text `canonicalText` declines: the caller
 * parses it (see parsed-link-facts.ts). Imports nothing but node:crypto, so a
 * worker thread starts quickly.
 */
export function textLinkFacts(rows: readonly RawEventRow[]): Array<LinkFacts | undefined> {
  return rows.map(([id, streamName, revision, type, dataText, metadataText]) => {
    const keys: ChainKeys = {};
    const metadata = canonicalText(metadataText, 'hash', keys);
    const data = metadata === undefined ? undefined : canonicalText(dataText);
    if (data === undefined || keys.hash === undefined) return undefined;
    const text = `{"data":${data},"id":${JSON.stringify(id)},"metadata":${metadata},"revision":${revision},"streamName":${JSON.stringify(streamName)},"type":${JSON.stringify(type)}}`;
    return { prevHash: keys.prevHash, hash: keys.hash, intact: hash('sha256', text, 'hex') === keys.hash };
  });
}
