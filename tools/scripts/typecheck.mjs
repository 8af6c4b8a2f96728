// Type checks the whole workspace with tsc. Node 20's V8 has been seen to
// crash tsc with SIGSEGV now and then (an engine fault, not a type error: the
// same run passes again), so a run killed by a signal is retried once and said
// so plainly; a run that reports type errors fails at once.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
for (let attempt = 1; ; attempt += 1) {
  const run = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json', '--noEmit'], { stdio: 'inherit' });
  if (run.signal && attempt === 1) {
    console.error(`typecheck: tsc was killed by ${run.signal}; running it once more`);
    continue;
  }
  process.exit(run.status ?? 1);
}
