// `npm run bench`: every speed figure side by side with its alternative, in one run, as ratios.
import { benchSplit } from './split.js'
import { printRows } from './measure.js'

const sections = process.argv.slice(2)
const want = (name: string): boolean => sections.length === 0 || sections.includes(name)

console.log(`podpipe bench — node ${process.version}, ${new Date().toISOString()}`)
if (want('split')) printRows('Turn splitting (goal: read + split ≥ 0.20× bare split)', benchSplit(), 'bare whitespace split')
