import { isIP } from 'node:net'

/**
 * Whether a listen address is reachable only from this machine. Anything else (0.0.0.0, ::,
 * a LAN or public address, a hostname that may resolve anywhere) counts as exposed.
 */
export const isLoopbackHost = (host: string): boolean => {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase()
  if (bare === 'localhost') return true
  if (isIP(bare) === 4) return bare.startsWith('127.')
  if (isIP(bare) === 6) return bare === '::1' || /^::ffff:127\./.test(bare)
  return false
}
