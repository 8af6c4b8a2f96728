import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SYSTEM_ACTOR } from '@trailmark/contracts';
import type { CheckpointService } from './checkpoint.service';

export const CHECKPOINT_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Signs a checkpoint for every workspace once an hour, as System. Several API
 * processes may all run it: the per-workspace lock serialises them, and a
 * workspace whose heads did not move gets no new checkpoint.
 */
export class CheckpointScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CheckpointScheduler.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly checkpoints: CheckpointService,
    private readonly intervalMs = CHECKPOINT_INTERVAL_MS,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.pass().finally(() => (this.running = undefined));
    }, this.intervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async pass(): Promise<void> {
    try {
      for (const { workspaceId, error } of await this.checkpoints.signAll({ actor: SYSTEM_ACTOR })) {
        if (error) this.logger.error(`Could not sign a checkpoint for workspace ${workspaceId}: ${error}`);
      }
    } catch (error) {
      this.logger.error(`Checkpoints were not signed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
