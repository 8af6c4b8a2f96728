export * from './lib/workspace-admin.module';
