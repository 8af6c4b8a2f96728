export interface ConfigProblem {
  /** Environment variable name. */
  variable: string;
  /** What is wrong, with the offending value when it is safe to show. */
  reason: string;
}

/** Thrown by `loadConfig` with one line per invalid variable. */
export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(
      [
        'Invalid configuration:',
        ...problems.map(({ variable, reason }) => `  - ${variable}: ${reason}`),
      ].join('\n'),
    );
    this.name = 'ConfigError';
  }
}
