import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { type LinkFacts, linkFacts, type RawEventRow } from './link-facts';

/**
 * Computes link facts on worker threads as well as this one, a share of each
 * batch on every thread. Workers load this library's TypeScript through the
 * process's own loader (`-r register.cjs` is inherited); where they cannot
 * (under Jest), or none are asked for, everything runs here.
 */
export class LinkChecker {
  private next = 0;
  private readonly pending = new Map<number, { resolve: (facts: LinkFacts[]) => void; reject: (error: Error) => void }>();

  private constructor(private readonly workers: Worker[]) {
    for (const worker of workers) {
      worker.on('message', ({ id, facts }: { id: number; facts: LinkFacts[] }) => {
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

  get threads(): number {
    return this.workers.length + 1;
  }

  async check(rows: RawEventRow[]): Promise<LinkFacts[]> {
    const share = Math.ceil(rows.length / this.threads);
    const theirs = this.workers.map((worker, i) => this.post(worker, rows.slice((i + 1) * share, (i + 2) * share)));
    const mine = linkFacts(rows.slice(0, share));
    return mine.concat(...(await Promise.all(theirs)));
  }

  async close(): Promise<void> {
    for (const worker of this.workers) worker.removeAllListeners('exit');
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private post(worker: Worker, rows: RawEventRow[]): Promise<LinkFacts[]> {
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
