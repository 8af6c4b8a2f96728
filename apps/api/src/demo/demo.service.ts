import type { AddressInfo } from 'node:net';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { PG_POOL } from '@trailmark/database';
import { EVENT_STORE, type EventStore } from '@trailmark/event-store';
import type { Server } from 'node:http';
import type { Pool } from 'pg';
import { DemoClient } from './demo-client';
import { prepareDemo } from './demo-seeder';
import { DEMO_ADMIN, DEMO_AGENT, type DemoSettings } from './demo-settings';
import { createScenario, runSimulator, type SimulatorSummary } from './demo-story';

export const DEMO_SETTINGS = Symbol('DEMO_SETTINGS');

/** How the process can be reached from itself, and how to tell a person to open it. */
function addresses(server: Server): { self: string; shown: string } {
  const { address, port } = server.address() as AddressInfo;
  const local = ['0.0.0.0', '::', '127.0.0.1', '::1'].includes(address);
  const host = local ? '127.0.0.1' : address.includes(':') ? `[${address}]` : address;
  return { self: `http://${host}:${port}`, shown: `http://${local ? 'localhost' : host}:${port}` };
}

/**
 * Once the API listens: prepares the demo workspace (first run only), prints
 * where to sign in, and runs the simulator against it until shutdown.
 */
@Injectable()
export class DemoService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DemoService.name);
  private readonly stop = new AbortController();
  private running: Promise<SimulatorSummary | void> = Promise.resolve();

  constructor(
    @Inject(DEMO_SETTINGS) private readonly settings: DemoSettings,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter.getHttpServer() as Server;
    server.once('listening', () => {
      this.running = this.start(addresses(server)).catch((error: unknown) => this.logger.warn(`The demo could not start: ${(error as Error).message}`));
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stop.abort();
    await this.running;
  }

  private async start({ self, shown }: { self: string; shown: string }): Promise<SimulatorSummary | void> {
    const seed = Math.floor(Math.random() * 2 ** 31);
    const scenario = createScenario(seed);
    const demo = await prepareDemo({ store: this.store, pool: this.pool, client: new DemoClient(self), story: () => scenario.next(), history: this.settings.history });
    if (demo.kind === 'skipped') {
      this.logger.log(`No demo: ${demo.reason}`);
      return;
    }
    if (this.stop.signal.aborted) return;
    process.stdout.write(
      `\nDemo: open ${shown} and sign in as ${DEMO_ADMIN.email} / ${DEMO_ADMIN.password} (an admin), or ${DEMO_AGENT.email} / ${DEMO_AGENT.password} (an agent).\n` +
        `A simulator adds ${this.settings.rate} events a second to "Demo workspace". TRAILMARK_DEMO=off turns the demo off.\n\n`,
    );
    // A different seed each start: the story's ids include it, so runs never claim each other's tickets.
    return runSimulator({ url: self, apiKey: demo.apiKey, rate: this.settings.rate, durationSeconds: 0, seed: seed + 1, signal: this.stop.signal });
  }
}
