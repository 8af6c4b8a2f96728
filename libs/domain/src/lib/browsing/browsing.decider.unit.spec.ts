import { deciderSpec, fixedContext } from '../decider-spec';
import type { BrowsingCommand } from './browsing.commands';
import { browsingDecider } from './browsing.decide';
import type { BrowsingEvent } from './browsing.events';

const given = (events: BrowsingEvent[]) => deciderSpec(browsingDecider, fixedContext(undefined, ['export-1'])).given(events);

describe('browsing decider', () => {
  describe('ViewPage', () => {
    it('records the view of a page showing a record', () => {
      const view = { url: 'https://app.example.com/tickets/42', title: 'Ticket #42', recordType: 'ticket', recordId: 'tck-42' };
      given([]).when({ type: 'ViewPage', data: view }).then([{ type: 'PageViewed', data: view }]);
    });

    it('records the view of a page showing no record', () => {
      given([]).when({ type: 'ViewPage', data: { url: '/settings' } }).then([{ type: 'PageViewed', data: { url: '/settings' } }]);
    });

    it('records the same page viewed again', () => {
      const viewed: BrowsingEvent = { type: 'PageViewed', data: { url: '/settings' } };
      given([viewed]).when({ type: 'ViewPage', data: { url: '/settings' } }).then([viewed]);
    });

    it('refuses a view without a URL', () => {
      given([]).when({ type: 'ViewPage', data: { url: '' } }).thenThrows('url_required');
    });

    it('refuses a record reference with only half of it', () => {
      given([]).when({ type: 'ViewPage', data: { url: '/tickets/42', recordId: 'tck-42' } }).thenThrows('record_reference_incomplete');
      given([]).when({ type: 'ViewPage', data: { url: '/tickets/42', recordType: 'ticket' } }).thenThrows('record_reference_incomplete');
    });
  });

  describe('ExportData', () => {
    it('records what was exported, in which format, how many rows and with which filters', () => {
      const exported = { exportId: 'exp-9', dataset: 'tickets', format: 'csv', rowCount: 120, filters: { status: ['open', 'pending'] } };
      given([]).when({ type: 'ExportData', data: exported }).then([{ type: 'DataExported', data: exported }]);
    });

    it('gives an export without an id a new one', () => {
      given([])
        .when({ type: 'ExportData', data: { dataset: 'customers' } })
        .then([{ type: 'DataExported', data: { exportId: 'export-1', dataset: 'customers' } }]);
    });

    it('refuses an export that does not say what was exported', () => {
      given([]).when({ type: 'ExportData', data: { dataset: ' ' } }).thenThrows('dataset_required');
    });

    it.each([-3, 2.5])('refuses a row count of %s', (rowCount) => {
      given([]).when({ type: 'ExportData', data: { dataset: 'tickets', rowCount } }).thenThrows('row_count_invalid');
    });
  });

  it('refuses an unknown command', () => {
    given([]).when({ type: 'PrintPage', data: {} } as unknown as BrowsingCommand).thenThrows('unknown_command');
  });
});
