export * from './postgres-store.js'
export * from './migrate.js'
export * from './migrations.js'
export { childRows } from './rows.js'
