import { describe, expect, it } from 'vitest'
import { forbiddenAddressReason } from './address-guard.js'

describe('forbiddenAddressReason', () => {
  it.each([
    ['127.0.0.1', 'loopback'], ['10.1.2.3', 'private'], ['172.16.0.1', 'private'], ['172.31.255.255', 'private'],
    ['192.168.0.10', 'private'], ['169.254.169.254', 'link-local'], ['0.0.0.0', 'unspecified'],
    ['::1', 'loopback'], ['[::1]', 'loopback'], ['::', 'unspecified'], ['fd12::1', 'private'], ['fe80::1%eth0', 'link-local'],
    ['::ffff:127.0.0.1', 'IPv4-mapped'], ['::ffff:8.8.8.8', 'IPv4-mapped'],
  ])('%s is refused as %s', (address, reason) => {
    expect(forbiddenAddressReason(address)).toBe(reason)
  })

  it.each(['8.8.8.8', '172.32.0.1', '1.1.1.1', '2001:4860:4860::8888'])('%s is public', (address) => {
    expect(forbiddenAddressReason(address)).toBeNull()
  })
})
