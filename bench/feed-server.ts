// The polling bench's simulated feed hosts, run as a child process so their CPU is not podpipe's:
// `node --import tsx bench/feed-server.ts HOSTS CHANGED_EVERY` listens on HOSTS ports of 127.0.0.1
// (each port is one host to the poller) and prints {"ports":[…]} once listening.
// /f/<i>.xml answers 304 to If-None-Match "v0", except every CHANGED_EVERY-th feed, which has a
// new episode (ETag "v1") with a transcript at /t/<i>.vtt; a request with "v1" gets 304 again.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { SMALL_VTT } from '../tests/helpers/small-vtt.js'

const [hosts = 8, changedEvery = 100] = process.argv.slice(2).map(Number)

const feed = (origin: string, i: number): string => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0">
<channel><title>Bench feed ${i}</title><link>${origin}/</link><language>en</language>
<item><guid isPermaLink="false">bench-${i}-new</guid><title>New episode of feed ${i}</title>
<pubDate>${new Date().toUTCString()}</pubDate>
<enclosure url="${origin}/a/${i}.mp3" type="audio/mpeg" length="1000"/>
<podcast:transcript url="${origin}/t/${i}.vtt" type="text/vtt"/></item>
</channel></rss>`

const handle = (req: IncomingMessage, res: ServerResponse): void => {
  const url = req.url ?? '/'
  const feedMatch = /^\/f\/(\d+)\.xml$/.exec(url)
  if (feedMatch) {
    const i = Number(feedMatch[1])
    const etag = i % changedEvery === 0 ? '"v1"' : '"v0"'
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end()
    return void res.writeHead(200, { 'content-type': 'application/rss+xml', etag }).end(feed(`http://${req.headers.host}`, i))
  }
  if (/^\/t\/\d+\.vtt$/.test(url)) return void res.writeHead(200, { 'content-type': 'text/vtt' }).end(SMALL_VTT)
  res.writeHead(404).end()
}

const ports = await Promise.all(Array.from({ length: hosts }, () => new Promise<number>((resolve) => {
  const server = createServer({ keepAliveTimeout: 60_000 }, handle)
  server.listen(0, '127.0.0.1', () => {
    const addr = server.address()
    resolve(typeof addr === 'object' && addr ? addr.port : 0)
  })
})))
process.stdout.write(`${JSON.stringify({ ports })}\n`)
