import { deciderSpec, fixedContext } from '../decider-spec';
import type { ActivityCommand } from './activity.commands';
import { activityDecider } from './activity.decide';
import type { ActivityEvent } from './activity.events';

const given = (events: ActivityEvent[]) => deciderSpec(activityDecider, fixedContext()).given(events);

describe('activity decider', () => {
  describe('RecordActivity', () => {
    it("records the host's action verbatim with its target, changes and details", () => {
      given([])
        .when({
          type: 'RecordActivity',
          data: {
            action: 'Invoice.Paid',
            target: { recordType: 'invoice', recordId: 'inv-7', name: 'INV-0007' },
            changes: [{ field: 'paid', from: false, to: true }, { field: 'paidAt', to: '2026-01-01' }],
            details: { method: 'card', amount: { value: 120, currency: 'EUR' } },
          },
        })
        .then([
          {
            type: 'ActivityRecorded',
            data: {
              action: 'Invoice.Paid',
              target: { recordType: 'invoice', recordId: 'inv-7', name: 'INV-0007' },
              changes: [
                { field: 'paid', from: false, to: true },
                { field: 'paidAt', from: null, to: '2026-01-01' },
              ],
              details: { method: 'card', amount: { value: 120, currency: 'EUR' } },
            },
          },
        ]);
    });

    it('records an action with nothing but its name', () => {
      given([])
        .when({ type: 'RecordActivity', data: { action: 'report.scheduled' } })
        .then([{ type: 'ActivityRecorded', data: { action: 'report.scheduled' } }]);
    });

    it('records the same action again, as a new fact', () => {
      const recorded: ActivityEvent = { type: 'ActivityRecorded', data: { action: 'report.scheduled' } };
      given([recorded]).when({ type: 'RecordActivity', data: { action: 'report.scheduled' } }).then([recorded]);
    });

    it('refuses an activity without an action', () => {
      given([]).when({ type: 'RecordActivity', data: { action: '' } }).thenThrows('action_required');
    });

    it('refuses a target without its id', () => {
      given([])
        .when({ type: 'RecordActivity', data: { action: 'invoice.paid', target: { recordType: 'invoice', recordId: '' } } })
        .thenThrows('record_reference_incomplete');
    });

    it('refuses a change without a field name', () => {
      given([]).when({ type: 'RecordActivity', data: { action: 'invoice.paid', changes: [{ field: '', to: true }] } }).thenThrows('field_required');
    });
  });

  it('refuses an unknown command', () => {
    given([]).when({ type: 'Forget', data: {} } as unknown as ActivityCommand).thenThrows('unknown_command');
  });
});
