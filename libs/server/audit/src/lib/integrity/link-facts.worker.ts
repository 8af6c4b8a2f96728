import { parentPort } from 'node:worker_threads';
import { linkFacts, type RawEventRow } from './link-facts';

parentPort?.on('message', ({ id, rows }: { id: number; rows: RawEventRow[] }) => parentPort?.postMessage({ id, facts: linkFacts(rows) }));
