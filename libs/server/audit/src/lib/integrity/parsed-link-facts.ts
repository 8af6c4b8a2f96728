import { hashLink } from '@trailmark/event-store';
import { type LinkFacts, type RawEventRow, textLinkFacts } from './link-facts';

/** Link facts of every row: from the text where it can, parsed where it must. */
export function linkFacts(rows: readonly RawEventRow[]): LinkFacts[] {
  return completeLinkFacts(rows, textLinkFacts(rows));
}

/** Fills in the rows the text path declined by parsing them, as the store hashed them. */
export function completeLinkFacts(rows: readonly RawEventRow[], facts: ReadonlyArray<LinkFacts | undefined>): LinkFacts[] {
  return facts.map((fact, i) => fact ?? parsedLinkFacts(rows[i]));
}

function parsedLinkFacts([id, streamName, revision, type, dataText, metadataText]: RawEventRow): LinkFacts {
  const { hash: stored, ...metadata } = JSON.parse(metadataText) as Record<string, unknown>;
  const data: unknown = JSON.parse(dataText);
  return { prevHash: metadata['prevHash'], hash: stored, intact: hashLink({ streamName, revision, id, type, data, metadata }) === stored };
}
