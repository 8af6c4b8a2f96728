import { WORKSPACE_CATALOGUE } from './workspace.catalogue';

const entries = Object.entries(WORKSPACE_CATALOGUE);

describe('workspace catalogue', () => {
  it.each(entries)('names %s in PascalCase with a sentence-case label', (type, { label }) => {
    expect(type).toMatch(/^[A-Z][a-zA-Z]+$/);
    expect(label).toMatch(/^[A-Z][^.]*[a-zA-Z]$/);
  });

  it('gives every event its own label', () => {
    expect(new Set(entries.map(([, { label }]) => label)).size).toBe(entries.length);
  });

  it('records administration as changes, never as sign-ins or views', () => {
    expect(new Set(entries.map(([, { kind }]) => kind))).toEqual(new Set(['write']));
  });

  it('files role changes with permissions and settings changes with settings', () => {
    expect(WORKSPACE_CATALOGUE.MemberRoleChanged.category).toBe('Permissions');
    expect(WORKSPACE_CATALOGUE.WorkspaceSettingsChanged.category).toBe('Settings');
  });
});
