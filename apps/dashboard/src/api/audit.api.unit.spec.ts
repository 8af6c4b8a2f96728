import { recordSteps, streamEvents, verifyIntegrity } from './audit.api';

const fetchMock = jest.fn();

beforeEach(() => {
  fetchMock.mockReset().mockResolvedValue({ ok: true, status: 200, text: async () => '{"ok":true}' });
  global.fetch = fetchMock as unknown as typeof fetch;
});

const call = () => {
  const [path, init] = fetchMock.mock.calls[0] as [string, RequestInit];
  return { path, method: init.method, body: init.body };
};

describe('the audit API module', () => {
  it('asks for the steps of a record, a page at a time, with the id encoded', async () => {
    await recordSteps('ws 1', 'ticket', 'T/1', 500, 500);
    expect(call()).toEqual({ path: '/api/workspaces/ws%201/audit/records/ticket/T%2F1/steps?fromRevision=500&limit=500', method: 'GET', body: undefined });
  });

  it('asks for the events of a stream by its encoded name', async () => {
    await streamEvents('ws-1', 'member-ws-1.u-1', 0, 1000);
    expect(call()).toEqual({ path: '/api/workspaces/ws-1/audit/streams/member-ws-1.u-1/events?fromRevision=0&limit=1000', method: 'GET', body: undefined });
  });

  it('posts what to verify: a record, or nothing for the whole workspace', async () => {
    await expect(verifyIntegrity('ws-1', { recordType: 'ticket', recordId: 'T-1' })).resolves.toEqual({ ok: true });
    expect(call()).toEqual({ path: '/api/workspaces/ws-1/audit/verify', method: 'POST', body: '{"recordType":"ticket","recordId":"T-1"}' });
    fetchMock.mockClear();
    await verifyIntegrity('ws-1', {});
    expect(call()).toEqual({ path: '/api/workspaces/ws-1/audit/verify', method: 'POST', body: '{}' });
  });
});
