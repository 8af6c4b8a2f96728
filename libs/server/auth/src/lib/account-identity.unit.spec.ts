import { generatePassword, normalizeEmail, unknownEmailStream, unknownEmailSubject, userIdForEmail } from './account-identity';

describe('userIdForEmail', () => {
  it('gives a UUIDv8 that depends only on the normalized email', () => {
    const id = userIdForEmail('Ada@Example.com');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(userIdForEmail(' ada@example.com ')).toBe(id);
    expect(userIdForEmail('bob@example.com')).not.toBe(id);
  });
});

describe('unknown email stream', () => {
  it('is a platform activity stream named by a hash, never the email itself', () => {
    const stream = unknownEmailStream('Nobody@Example.com');
    expect(stream).toMatch(/^activity-platform\.signin_[0-9a-f]{16}$/);
    expect(stream).not.toContain('nobody');
    expect(unknownEmailSubject('nobody@example.com')).toBe(stream.split('.')[1]);
  });
});

describe('normalizeEmail', () => {
  it('trims and lower-cases', () => {
    expect(normalizeEmail('  Ada@EXAMPLE.com ')).toBe('ada@example.com');
  });
});

describe('generatePassword', () => {
  it('draws 20 characters without look-alikes, different each time', () => {
    const password = generatePassword();
    expect(password).toMatch(/^[A-HJ-NP-Za-km-z2-9]{20}$/);
    expect(generatePassword()).not.toBe(password);
    expect(generatePassword(32)).toHaveLength(32);
  });
});
