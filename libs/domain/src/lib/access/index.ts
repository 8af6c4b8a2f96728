export type { DetailChanges, Details } from './details';
export * from './teams';
export * from './groups';
export * from './permission-groups';
export * from './api-keys';
