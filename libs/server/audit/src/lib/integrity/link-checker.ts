import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LinkFacts, RawEventRow } from './link-facts';
import { completeLinkFacts, linkFacts } from './parsed-link-facts';

/**
 * Computes link facts on worker threads, a share of each batch on each, while
 * this thread receives the next batch, parses the rows the text path declined
 * and walks the chains. Workers load this library's TypeScript through the
 * process's own loader (`-r register.cjs` is inherited); where they cannot
 * (under Jest), or none are asked for, everything runs here.
 */
export class LinkChecker {
  private next = 0;
  private readonly pending = new Map<number, { resolve: (facts: Array<LinkFacts | undefined>) => void; reject: (error: Error) => void }>();

  private constructor(private readonly workers: Worker[]) {
    for (const worker of workers) {
      worker.on('message', ({ id, facts }: { id: number; facts: Array<LinkFacts | undefined> }) => {
        this.pending.get(id)?.resolve(facts);
        this.pending.delete(id);
      });
      // A worker that dies fails the verification rather than leaving it waiting.
      worker.on('error', (error) => this.failAll(error));
      worker.on('exit', (code) => code !== 0 && this.failAll(new Error(`A verification worker stopped with code ${code}`)));
    }
  }

  static async start(threads: number): Promise<LinkChecker> {
    const workers = Array.from({ length: threads }, () => new Worker(join(__dirname, 'link-facts.worker.ts')));
    try {
      await Promise.all(workers.map((worker) => echo(worker)));
      return new LinkChecker(workers);
    } catch {
      await Promise.all(workers.map((worker) => worker.terminate()));
      return new LinkChecker([]);
    }
  }

  async check(rows: RawEventRow[]): Promise<LinkFacts[]> {
    if (this.workers.length === 0) return linkFacts(rows);
    const share = Math.ceil(rows.length / this.workers.length);
    const facts = await Promise.all(this.workers.map((worker, i) => this.post(worker, rows.slice(i * share, (i + 1) * share))));
    return completeLinkFacts(rows, facts.flat());
  }

  async close(): Promise<void> {
    for (const worker of this.workers) worker.removeAllListeners('exit');
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private post(worker: Worker, rows: RawEventRow[]): Promise<Array<LinkFacts | undefined>> {
    if (rows.length === 0) return Promise.resolve([]);
    const id = (this.next += 1);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, rows });
    });
  }

  private failAll(error: Error): void {
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
  }
}

/** Resolves once the worker has loaded and answered an empty batch; rejects when it cannot load. */
function echo(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', () => {
      worker.off('error', reject);
      resolve();
    });
    worker.postMessage({ id: 0, rows: [] });
  });
}
