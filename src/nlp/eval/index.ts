export * from './score.js'
