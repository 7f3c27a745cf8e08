export * from './schema.js'
export * from './build-record.js'
export * from './record-id.js'
export { PIPELINE_VERSION } from './version.js'
