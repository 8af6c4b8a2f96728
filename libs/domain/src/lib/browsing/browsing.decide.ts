import { type DecideContext, type Decider, DomainError } from '../decider';
import { optionalRecordRef, present, requireText } from '../activity/host-values';
import type { BrowsingCommand, ExportData, ViewPage } from './browsing.commands';
import type { BrowsingEvent, DataExported, PageViewed } from './browsing.events';
import { type BrowsingState, evolveBrowsing, initialBrowsingState } from './browsing.state';

export function viewPage({ data }: ViewPage): PageViewed[] {
  const url = requireText(data.url, 'url_required', 'The URL of the viewed page');
  return [{ type: 'PageViewed', data: { url, ...present({ title: data.title }), ...optionalRecordRef(data.recordType, data.recordId) } }];
}

export function exportData({ data }: ExportData, { newId }: DecideContext): DataExported[] {
  const dataset = requireText(data.dataset, 'dataset_required', 'What was exported');
  const { rowCount } = data;
  if (rowCount !== undefined && !(Number.isInteger(rowCount) && rowCount >= 0)) {
    throw new DomainError('row_count_invalid', `Row count ${rowCount} is not a whole number of rows`);
  }
  const details = present({ format: data.format, rowCount, filters: data.filters });
  return [{ type: 'DataExported', data: { exportId: data.exportId || newId(), dataset, ...details } }];
}

export function decideBrowsing(command: BrowsingCommand, _state: BrowsingState, context: DecideContext): BrowsingEvent[] {
  const { type } = command;
  switch (type) {
    case 'ViewPage':
      return viewPage(command);
    case 'ExportData':
      return exportData(command, context);
    default: {
      const unknown: never = type;
      throw new DomainError('unknown_command', `Unknown command ${String(unknown)}`);
    }
  }
}

export const browsingDecider: Decider<BrowsingState, BrowsingCommand, BrowsingEvent> = {
  initialState: initialBrowsingState,
  evolve: evolveBrowsing,
  decide: decideBrowsing,
};
