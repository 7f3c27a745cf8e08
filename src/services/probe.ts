import { connect } from 'node:net'

/**
 * Whether something accepts TCP connections at host:port: 'open', 'closed' (refused: nothing
 * listens), or 'silent' (no answer within timeoutMs: a firewall, a hung host). Only 'closed'
 * means a server of our own may take the port.
 */
export const probePort = (host: string, port: number, timeoutMs = 1_000): Promise<'open' | 'closed' | 'silent'> =>
  new Promise((resolve) => {
    const socket = connect({ host, port })
    const done = (result: 'open' | 'closed' | 'silent') => {
      socket.destroy()
      resolve(result)
    }
    socket.setTimeout(timeoutMs, () => done('silent'))
    socket.once('connect', () => done('open'))
    socket.once('error', (err: NodeJS.ErrnoException) => done(err.code === 'ECONNREFUSED' ? 'closed' : 'silent'))
  })
