import { type DynamicModule, Module } from '@nestjs/common';
import { DEMO_SETTINGS, DemoService } from './demo.service';
import type { DemoSettings } from './demo-settings';

/** The first-run demo workspace and its live simulator; nothing at all when the settings turn it off. */
@Module({})
export class DemoModule {
  static register(settings: DemoSettings | undefined): DynamicModule {
    if (!settings?.enabled) return { module: DemoModule };
    return { module: DemoModule, providers: [{ provide: DEMO_SETTINGS, useValue: settings }, DemoService] };
  }
}
