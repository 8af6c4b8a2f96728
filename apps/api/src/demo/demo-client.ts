import { MAX_EVENTS_PER_REQUEST, type IngestEvent } from '@trailmark/contracts';

/** The few API calls the demo makes, as any client would, over HTTP to this same process. */
export class DemoClient {
  private token = '';

  constructor(private readonly baseUrl: string) {}

  private async call<T>(method: string, path: string, body?: unknown, bearer = this.token): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Signs in and answers the account's workspaces. */
  async signIn(email: string, password: string): Promise<Array<{ id: string; name: string }>> {
    const answer = await this.call<{ token: string; workspaces: Array<{ id: string; name: string }> }>('POST', '/api/auth/login', { email, password }, '');
    this.token = answer.token;
    return answer.workspaces;
  }

  /** A fresh ingestion key named `name`, revoking the earlier ones of that name (their keys were only ever shown once). */
  async replaceApiKey(workspaceId: string, name: string): Promise<string> {
    const keys = await this.call<Array<{ id: string; name: string; revokedAt: string | null }>>('GET', `/api/workspaces/${workspaceId}/api-keys`);
    for (const key of keys.filter((candidate) => candidate.name === name && !candidate.revokedAt)) {
      await this.call('DELETE', `/api/workspaces/${workspaceId}/api-keys/${key.id}`);
    }
    return (await this.call<{ key: string }>('POST', `/api/workspaces/${workspaceId}/api-keys`, { name })).key;
  }

  /** Invites an account and registers it through the invitation, as a new colleague would. */
  async addMember(workspaceId: string, member: { email: string; password: string; displayName: string }, role: string): Promise<void> {
    const { invitationId } = await this.call<{ invitationId: string }>('POST', `/api/workspaces/${workspaceId}/members`, { email: member.email, role });
    await this.call('POST', `/api/workspaces/${workspaceId}/invitations/${invitationId}/register`, { displayName: member.displayName, password: member.password }, '');
  }

  async ingest(apiKey: string, events: readonly IngestEvent[]): Promise<void> {
    for (let start = 0; start < events.length; start += MAX_EVENTS_PER_REQUEST) {
      await this.call('POST', '/v1/events', { events: events.slice(start, start + MAX_EVENTS_PER_REQUEST) }, apiKey);
    }
  }
}
