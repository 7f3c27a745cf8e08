/** Marks where a secret was removed; grep-able in logs. */
export const REDACTED = '[REDACTED]'

// userinfo in any scheme://user:pass@host URL (redis://:pw@, postgres://u:pw@); the user stays visible.
const URL_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^\s/@:"'\\]*):([^\s/@"'\\]*)@/gi
// A Redis URL loses its whole userinfo: with Redis 6 ACLs the user name is half the credential.
// Greedy up to the last @ before the path, as URL parsers read `redis://:p@ss@host`.
const REDIS_USERINFO = /\b(rediss?:\/\/)([^\s/"'\\]*)@/gi
// ioredis also takes the password as a query parameter (redis://host?password=…).
const PASSWORD_PARAM = /([?&]password=)[^\s&#"'\\]*/gi
const AUTH_SCHEME = /\b(Basic|Bearer)\s+[A-Za-z0-9._~+/=-]+/g

const redisUserinfo = (_match: string, scheme: string, userinfo: string): string => {
  const colon = userinfo.indexOf(':')
  const user = colon < 0 ? userinfo : userinfo.slice(0, colon)
  return `${scheme}${user ? REDACTED : ''}${colon < 0 ? '' : `:${REDACTED}`}@`
}

/**
 * Removes passwords from URLs (user names too, for Redis URLs) and credentials from
 * Authorization values in free text.
 * @example redactSecrets('redis://:hunter2@redis:6379') // 'redis://:[REDACTED]@redis:6379'
 */
export const redactSecrets = (text: string): string =>
  text
    .replace(REDIS_USERINFO, redisUserinfo)
    .replace(URL_PASSWORD, `$1:${REDACTED}@`)
    .replace(PASSWORD_PARAM, `$1${REDACTED}`)
    .replace(AUTH_SCHEME, `$1 ${REDACTED}`)
