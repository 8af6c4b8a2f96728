import { loadConfig } from '@trailmark/config';
import { loadSigningKey, type SigningKey } from './signing-key';

/**
 * The signing key, loaded on first use rather than at start-up, so a process
 * that never signs never creates a key file.
 */
export class SigningKeySource {
  private loading?: Promise<SigningKey>;

  constructor(private readonly env: Record<string, string | undefined> = process.env) {}

  get(): Promise<SigningKey> {
    this.loading ??= loadSigningKey(this.env, loadConfig(this.env).dataDir).catch((error: unknown) => {
      this.loading = undefined;
      throw error;
    });
    return this.loading;
  }
}
