export * from './signature.js'
export * from './payload.js'
export * from './deliver.js'
export * from './backoff.js'
