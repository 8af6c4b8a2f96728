/** The slice of a pino-style logger the runtime database code writes to. */
export interface RuntimeLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
}
