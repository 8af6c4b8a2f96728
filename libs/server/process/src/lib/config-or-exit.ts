import { ConfigError, loadConfig, type TrailmarkConfig } from '@trailmark/config';

/** The validated configuration, or the list of what is wrong on stderr and exit code 1 (no stack trace). */
export function configOrExit(): TrailmarkConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
