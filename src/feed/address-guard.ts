import { BlockList, isIP } from 'node:net'

/** Ranges a feed URL must not reach: each would let a remote feed probe our own network. */
const RANGES: ReadonlyArray<{ label: string; net: string; prefix: number; family: 'ipv4' | 'ipv6' }> = [
  { label: 'unspecified', net: '0.0.0.0', prefix: 8, family: 'ipv4' },
  { label: 'private', net: '10.0.0.0', prefix: 8, family: 'ipv4' },
  { label: 'shared (CGNAT)', net: '100.64.0.0', prefix: 10, family: 'ipv4' },
  { label: 'loopback', net: '127.0.0.0', prefix: 8, family: 'ipv4' },
  { label: 'link-local', net: '169.254.0.0', prefix: 16, family: 'ipv4' },
  { label: 'private', net: '172.16.0.0', prefix: 12, family: 'ipv4' },
  { label: 'private', net: '192.168.0.0', prefix: 16, family: 'ipv4' },
  { label: 'reserved', net: '192.0.0.0', prefix: 24, family: 'ipv4' },
  { label: 'benchmarking', net: '198.18.0.0', prefix: 15, family: 'ipv4' },
  { label: 'multicast', net: '224.0.0.0', prefix: 4, family: 'ipv4' },
  { label: 'reserved', net: '240.0.0.0', prefix: 4, family: 'ipv4' },
  { label: 'unspecified', net: '::', prefix: 128, family: 'ipv6' },
  { label: 'loopback', net: '::1', prefix: 128, family: 'ipv6' },
  { label: 'IPv4-mapped', net: '::ffff:0:0', prefix: 96, family: 'ipv6' },
  { label: 'IPv4-compatible', net: '::', prefix: 96, family: 'ipv6' },
  { label: 'NAT64', net: '64:ff9b::', prefix: 96, family: 'ipv6' },
  { label: 'private', net: 'fc00::', prefix: 7, family: 'ipv6' },
  { label: 'link-local', net: 'fe80::', prefix: 10, family: 'ipv6' },
  { label: 'multicast', net: 'ff00::', prefix: 8, family: 'ipv6' },
]

const LISTS = RANGES.map((range) => {
  const list = new BlockList()
  list.addSubnet(range.net, range.prefix, range.family)
  return { label: range.label, family: range.family, list }
})

/**
 * Why an address may not be fetched (`'loopback'`, `'private'`, …), or null when it is a
 * public address. Anything that is not an IP literal is refused as well.
 * @example forbiddenAddressReason('10.1.2.3') // 'private'
 */
export const forbiddenAddressReason = (address: string): string | null => {
  const ip = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '')
  const version = isIP(ip)
  if (version === 0) return 'not an IP address'
  // BlockList matches IPv4 rules against IPv4-mapped IPv6 too, so check the address's own family first.
  const family = version === 4 ? 'ipv4' : 'ipv6'
  const hit = LISTS.find((l) => l.family === family && l.list.check(ip, family))
  return hit ? hit.label : null
}
