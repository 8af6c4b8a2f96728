import { WORKSPACE_CATALOGUE } from '@trailmark/contracts';
import { apiKeyEventTypes } from '../access/api-keys/api-key.events';
import { userGroupsEventTypes } from '../access/groups/user-groups.events';
import { permissionGroupEventTypes } from '../access/permission-groups/permission-group.events';
import { teamEventTypes } from '../access/teams/team.events';
import { broadcastEventTypes } from './broadcasts/broadcast.events';
import { webhookEventTypes } from './webhooks/webhook.events';
import { workspaceEventTypes } from './workspace.events';

const eventTypes: string[] = [
  ...workspaceEventTypes,
  ...webhookEventTypes,
  ...broadcastEventTypes,
  ...teamEventTypes,
  ...userGroupsEventTypes,
  ...permissionGroupEventTypes,
  ...apiKeyEventTypes,
];

describe('workspace catalogue', () => {
  it.each(eventTypes)('has an entry for %s', (type) => {
    expect(WORKSPACE_CATALOGUE).toHaveProperty(type);
  });

  it('has no entry for a type the workspace and access domains do not emit', () => {
    expect(Object.keys(WORKSPACE_CATALOGUE).sort()).toEqual([...eventTypes].sort());
  });
});
