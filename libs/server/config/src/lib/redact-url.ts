const SCHEME = /^[a-z][a-z\d+.-]*:\/\//i;
const SECRET_PARAM = /([?&][^=&#]*(?:pass|secret|token|key)[^=&#]*=)[^&#]*/gi;

/**
 * The connection string with its password and secret-looking query parameters
 * replaced by `***`, safe to log. Works on strings `URL` rejects (multi-host
 * EventStoreDB strings). Returns undefined when the value has no `scheme://`,
 * so a malformed value that may hold a secret is never echoed.
 */
export function redactUrl(value: string): string | undefined {
  const scheme = SCHEME.exec(value)?.[0];
  if (!scheme) {
    return undefined;
  }
  const rest = value.slice(scheme.length);
  const at = rest.lastIndexOf('@');
  const userInfo = at < 0 ? '' : rest.slice(0, at);
  const colon = userInfo.indexOf(':');
  const maskedUserInfo = colon < 0 ? userInfo : `${userInfo.slice(0, colon)}:***`;
  const hostAndRest = at < 0 ? rest : rest.slice(at);
  return `${scheme}${maskedUserInfo}${hostAndRest}`.replace(SECRET_PARAM, '$1***');
}
