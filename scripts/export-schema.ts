// Writes the published JSON Schema of the record from the zod source of truth.
// `npm run schema`; src/record/schema.test.ts fails when the committed file is stale.
import { writeFileSync } from 'node:fs'
import { episodeRecordJsonSchema, SCHEMA_VERSION } from '../src/record/schema.js'

const target = new URL(`../schema/episode-record.schema.json`, import.meta.url)
writeFileSync(target, JSON.stringify(episodeRecordJsonSchema(), null, 2) + '\n')
console.log(`wrote schema/episode-record.schema.json (schema version ${SCHEMA_VERSION})`)
