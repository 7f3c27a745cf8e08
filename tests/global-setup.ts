// vitest globalSetup: `npm test` on a fresh machine starts the Redis and PostgreSQL its suites
// need when nothing answers on their ports (tests/helpers/test-services.ts), and stops them after.
import { startTestServices } from './helpers/test-services.js'

export default async function setup(): Promise<() => Promise<void>> {
  return startTestServices({ say: (line) => process.stderr.write(`podpipe tests: ${line}\n`) })
}
