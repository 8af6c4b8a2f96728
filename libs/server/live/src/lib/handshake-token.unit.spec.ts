import { handshakeToken } from './handshake-token';

const token = `tms_${'a'.repeat(43)}`;

describe('handshakeToken', () => {
  it('takes auth.token, then a bearer header, then the session cookie', () => {
    expect(handshakeToken({ auth: { token }, headers: {} })).toBe(token);
    expect(handshakeToken({ auth: {}, headers: { authorization: `Bearer ${token}` } })).toBe(token);
    expect(handshakeToken({ auth: {}, headers: { cookie: `theme=dark; trailmark_session=${encodeURIComponent(token)}; x=1` } })).toBe(token);
    expect(handshakeToken({ auth: { token: 'not-a-session' }, headers: { cookie: `trailmark_session=${token}` } })).toBe(token);
  });

  it('reads the headers as the HTTP API does: a bearer header that is not a session is not passed over for the cookie', () => {
    expect(handshakeToken({ auth: {}, headers: { authorization: 'Bearer tmk_api-key', cookie: `trailmark_session=${token}` } })).toBeUndefined();
  });

  it('finds nothing in other cookies, other schemes or malformed values', () => {
    expect(handshakeToken({ auth: {}, headers: {} })).toBeUndefined();
    expect(handshakeToken({ auth: { token: 42 }, headers: { authorization: `Basic ${token}`, cookie: `my_trailmark_session=${token}` } })).toBeUndefined();
    expect(handshakeToken({ auth: {}, headers: { cookie: 'trailmark_session=%E0%A4%A' } })).toBeUndefined();
  });
});
