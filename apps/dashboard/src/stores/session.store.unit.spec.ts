import { createPinia, setActivePinia } from 'pinia';
import type { SessionView } from '../api/api-types';
import { currentSession, signIn, signOut, switchWorkspace } from '../api/auth.api';
import { ApiError } from '../api/http-client';
import { useSessionStore } from './session.store';

jest.mock('../api/auth.api');

const VIEW: SessionView = {
  user: { id: 'u-1', email: 'ada@example.com', displayName: 'Ada' },
  workspaces: [
    { id: 'ws-1', name: 'Support', role: 'admin' },
    { id: 'ws-2', name: 'Sales', role: 'agent' },
  ],
  currentWorkspaceId: 'ws-2',
};

beforeEach(() => {
  setActivePinia(createPinia());
  jest.resetAllMocks();
});

describe('the session store', () => {
  it('restores the signed-in user and their workspaces', async () => {
    jest.mocked(currentSession).mockResolvedValueOnce(VIEW);
    const session = useSessionStore();
    await session.restore();
    expect([session.checked, session.user?.displayName, session.currentWorkspaceId, session.workspace('ws-1')?.role]).toEqual([true, 'Ada', 'ws-2', 'admin']);
  });

  it('treats a 401 as signed out, and anything else as a failure', async () => {
    jest.mocked(currentSession).mockRejectedValueOnce(new ApiError(401, 'Not signed in')).mockRejectedValueOnce(new ApiError(500, 'Broken'));
    const session = useSessionStore();
    await session.restore();
    expect([session.checked, session.user]).toEqual([true, null]);
    await expect(session.restore()).rejects.toThrow('Broken');
  });

  it('signs in, switches workspace only when it changes, and signs out even when the API fails', async () => {
    jest.mocked(signIn).mockResolvedValueOnce(VIEW);
    jest.mocked(switchWorkspace).mockResolvedValueOnce({ ...VIEW, currentWorkspaceId: 'ws-1' });
    jest.mocked(signOut).mockRejectedValueOnce(new TypeError('offline'));
    const session = useSessionStore();
    await session.signIn('ada@example.com', 'secret-password');
    expect(signIn).toHaveBeenCalledWith('ada@example.com', 'secret-password');
    await session.switchTo('ws-2');
    expect(switchWorkspace).not.toHaveBeenCalled();
    await session.switchTo('ws-1');
    expect(session.currentWorkspaceId).toBe('ws-1');
    await expect(session.signOut()).rejects.toThrow('offline');
    expect(session.user).toBeNull();
  });
});
