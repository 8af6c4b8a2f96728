import { deciderSpec, fixedContext } from '../../decider-spec';
import type { SendBroadcast } from './broadcast.commands';
import { broadcastDecider } from './broadcast.decide';
import type { BroadcastEvent } from './broadcast.events';

const given = (events: BroadcastEvent[]) => deciderSpec(broadcastDecider, fixedContext()).given(events);

const send: SendBroadcast = {
  type: 'SendBroadcast',
  data: { broadcastId: 'bc-1', workspaceId: 'ws-1', subject: 'Maintenance', body: 'Down at 22:00 UTC', audience: { kind: 'team', teamId: 'team-1' } },
};
const sent: BroadcastEvent = { type: 'BroadcastSent', data: send.data };

describe('broadcast decider', () => {
  describe('SendBroadcast', () => {
    it('sends a broadcast to its audience', () => {
      given([]).when(send).then([sent]);
    });

    it('refuses to send the same broadcast twice', () => {
      given([sent]).when(send).thenThrows('broadcast_already_sent');
    });
  });
});
