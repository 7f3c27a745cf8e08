import { escapeIdentifier } from 'pg'
import { PodpipeError } from '../../errors/index.js'

// A plain identifier keeps the schema easy to type in psql; quoting still guards the SQL.
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/

/** The schema name, checked and quoted for interpolation into SQL. */
export const quoteSchema = (schema: string): string => {
  if (!SCHEMA_NAME.test(schema)) {
    throw new PodpipeError('CONFIG', `postgres store: schema name must be a plain identifier (letters, digits, _; at most 63), got "${schema}"`, { input: schema })
  }
  return escapeIdentifier(schema)
}
