import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Version of the repository's package.json; read rather than imported, as it lies outside every Nx project. */
export function appVersion(): string {
  const packageJson = readFileSync(resolve(__dirname, '../../../../package.json'), 'utf8');
  return (JSON.parse(packageJson) as { version: string }).version;
}
