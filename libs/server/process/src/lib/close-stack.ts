export interface CloseLogger {
  info(message: string): void;
  error(message: string): void;
}

/**
 * Resources in the order they were opened; `closeAll` closes them in reverse,
 * once, carrying on past a failure so later resources are still closed.
 */
export class CloseStack {
  private readonly closers: Array<{ name: string; close: () => Promise<unknown> }> = [];
  private closing?: Promise<boolean>;

  constructor(private readonly logger: CloseLogger) {}

  push(name: string, close: () => Promise<unknown>): void {
    this.closers.unshift({ name, close });
  }

  /** Resolves to true when everything closed cleanly. */
  closeAll(): Promise<boolean> {
    this.closing ??= this.closeInOrder();
    return this.closing;
  }

  private async closeInOrder(): Promise<boolean> {
    let clean = true;
    for (const { name, close } of this.closers) {
      try {
        await close();
        this.logger.info(`Closed ${name}`);
      } catch (error) {
        clean = false;
        this.logger.error(`Closing ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return clean;
  }
}
