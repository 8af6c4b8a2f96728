import type { Command } from '../../decider';
import type { BroadcastAudience } from './broadcast.events';

export type SendBroadcast = Command<
  'SendBroadcast',
  { broadcastId: string; workspaceId: string; subject: string; body: string; audience: BroadcastAudience }
>;

export type BroadcastCommand = SendBroadcast;
