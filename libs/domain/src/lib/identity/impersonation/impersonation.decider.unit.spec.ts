import { deciderSpec, fixedContext } from '../../decider-spec';
import { impersonationDecider } from './impersonation.decide';
import type { ImpersonationEvent } from './impersonation.events';

const given = (events: ImpersonationEvent[]) => deciderSpec(impersonationDecider, fixedContext(undefined, ['imp-2'])).given(events);

const session = { impersonationId: 'imp-1', impersonatorId: 'admin-1', targetUserId: 'user-1', workspaceId: 'ws-1' };
const started: ImpersonationEvent = { type: 'ImpersonationStarted', data: { ...session, reason: 'Ticket #42' } };
const ended: ImpersonationEvent = { type: 'ImpersonationEnded', data: session };

const start = (targetUserId = 'user-2') => ({
  type: 'StartImpersonation' as const,
  data: { impersonatorId: 'admin-1', targetUserId, workspaceId: 'ws-1', reason: 'Ticket #43' },
});
const end = { type: 'EndImpersonation' as const, data: { impersonatorId: 'admin-1' } };

describe('impersonation decider', () => {
  describe('StartImpersonation', () => {
    it('starts impersonating a user', () => {
      given([])
        .when(start())
        .then([
          {
            type: 'ImpersonationStarted',
            data: { impersonationId: 'imp-2', impersonatorId: 'admin-1', targetUserId: 'user-2', workspaceId: 'ws-1', reason: 'Ticket #43' },
          },
        ]);
    });

    it('starts again once the previous impersonation ended', () => {
      given([started, ended])
        .when(start())
        .then([
          {
            type: 'ImpersonationStarted',
            data: { impersonationId: 'imp-2', impersonatorId: 'admin-1', targetUserId: 'user-2', workspaceId: 'ws-1', reason: 'Ticket #43' },
          },
        ]);
    });

    it('refuses to start while an impersonation is running', () => {
      given([started]).when(start()).thenThrows('impersonation_already_running');
    });

    it('refuses to impersonate oneself', () => {
      given([]).when(start('admin-1')).thenThrows('cannot_impersonate_self');
    });
  });

  describe('EndImpersonation', () => {
    it('ends the running impersonation, naming whom it was', () => {
      given([started]).when(end).then([ended]);
    });

    it('refuses when no impersonation was ever started', () => {
      given([]).when(end).thenThrows('no_impersonation_running');
    });

    it('refuses to end twice', () => {
      given([started, ended]).when(end).thenThrows('no_impersonation_running');
    });
  });
});
