import { parentPort } from 'node:worker_threads';
import { type RawEventRow, textLinkFacts } from './link-facts';

parentPort?.on('message', ({ id, rows }: { id: number; rows: RawEventRow[] }) => parentPort?.postMessage({ id, facts: textLinkFacts(rows) }));
