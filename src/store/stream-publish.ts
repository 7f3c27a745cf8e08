import { createHash } from 'node:crypto'
import type { Redis } from 'ioredis'

/**
 * KEYS[1] stream, KEYS[2] id → last published content hash, KEYS[3] id → its stream entry id.
 * ARGV id, hash, maxLen, schemaVersion, bytes (the record JSON's size), record JSON ('' for none).
 * Compare and append in one script: Redis runs it atomically, so of several concurrent
 * publishes of one content exactly one appends. The hash map is not trimmed with the stream,
 * so a duplicate is still skipped after its entry was trimmed away; it holds one short field
 * per record id, so it grows with the number of episodes, never with their size.
 */
export const PUBLISH_SCRIPT = `
local previous = redis.call('HGET', KEYS[2], ARGV[1])
if previous == ARGV[2] then return {'unchanged', redis.call('HGET', KEYS[3], ARGV[1]) or ''} end
local change = 'created'
if previous then change = 'updated' end
local fields = {'id', ARGV[1], 'hash', ARGV[2], 'schemaVersion', ARGV[4], 'change', change, 'bytes', ARGV[5]}
if ARGV[6] ~= '' then
  table.insert(fields, 'record')
  table.insert(fields, ARGV[6])
end
local entry = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[3], '*', unpack(fields))
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('HSET', KEYS[3], ARGV[1], entry)
return {change, entry}
`

const SHA = createHash('sha1').update(PUBLISH_SCRIPT).digest('hex')

/**
 * Runs the script by its sha, loading it on NOSCRIPT (after a Redis restart or failover), as
 * ioredis' defineCommand does; defineCommand is not used because it would add a method to a
 * client the caller owns.
 */
export const runPublishScript = async (redis: Redis, keys: [string, string, string], args: string[]): Promise<[string, string]> => {
  try {
    return (await redis.evalsha(SHA, keys.length, ...keys, ...args)) as [string, string]
  } catch (err) {
    if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err
    return (await redis.eval(PUBLISH_SCRIPT, keys.length, ...keys, ...args)) as [string, string]
  }
}
