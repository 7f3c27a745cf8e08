export * from './podpipe-error.js'
