import { IDENTITY_CATALOGUE } from './identity.catalogue';

const entries = Object.entries(IDENTITY_CATALOGUE);

describe('identity catalogue', () => {
  it.each(entries)('names %s in PascalCase with a sentence-case label', (type, { label }) => {
    expect(type).toMatch(/^[A-Z][a-zA-Z]+$/);
    expect(label).toMatch(/^[A-Z][^.]*[a-zA-Z]$/);
  });

  it('gives every event its own label', () => {
    expect(new Set(entries.map(([, { label }]) => label)).size).toBe(entries.length);
  });

  it('files sign-in, session and password events under Auth', () => {
    const auth = entries.filter(([, { kind }]) => kind === 'auth').map(([type, { category }]) => [type, category]);
    expect(auth.filter(([, category]) => category !== 'Auth').map(([type]) => type)).toEqual(['ImpersonationStarted', 'ImpersonationEnded']);
  });
});
