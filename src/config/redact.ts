/** Marks where a secret was removed; grep-able in logs. */
export const REDACTED = '[REDACTED]'

// userinfo in any scheme://user:pass@host URL (redis://:pw@, postgres://u:pw@); the user stays visible.
const URL_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^\s/@:"'\\]*):([^\s/@"'\\]*)@/gi
const AUTH_SCHEME = /\b(Basic|Bearer)\s+[A-Za-z0-9._~+/=-]+/g

/**
 * Removes passwords from URLs and credentials from Authorization values in free text.
 * @example redactSecrets('redis://:hunter2@redis:6379') // 'redis://:[REDACTED]@redis:6379'
 */
export const redactSecrets = (text: string): string =>
  text.replace(URL_PASSWORD, `$1:${REDACTED}@`).replace(AUTH_SCHEME, `$1 ${REDACTED}`)
