// `npm test`: lint (with module boundaries), type check, then every Jest
// project, stopping at the first step that fails. Node 20 has twice been seen
// to die with SIGSEGV at the start of a step on a busy machine, a fault of
// the engine rather than of the code (the same step passes when rerun), so a
// step ended by a signal runs once more, and says so; a failing step fails.
import { spawnSync } from 'node:child_process';

const steps = [
  ['lint', ['npm', 'run', 'lint']],
  ['typecheck', ['npm', 'run', 'typecheck']],
  ['jest', ['npx', 'jest', '--ci', ...process.argv.slice(2)]],
];

for (const [name, [command, ...args]] of steps) {
  for (let attempt = 1; ; attempt += 1) {
    const run = spawnSync(command, args, { stdio: 'inherit' });
    // Through npm and a shell, a crash arrives as exit status 139 (128 + SIGSEGV).
    const crashed = run.signal ?? (run.status === 139 ? 'SIGSEGV' : undefined);
    if (crashed && attempt === 1) {
      console.error(`test: the ${name} step was killed by ${crashed}; running it once more`);
      continue;
    }
    if (run.status !== 0) {
      console.error(`test: the ${name} step failed`);
      process.exit(run.status ?? 1);
    }
    break;
  }
}
