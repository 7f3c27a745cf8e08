import { PodpipeError } from '../errors/index.js'
import { isSqlStateError, type SqlExecutor } from '../store/postgres/index.js'
import { quoteSchema } from '../store/postgres/schema-name.js'
import { storeError } from '../store/validate.js'

/** Where queries run: an executor (PostgreSQL pool or PGlite) and the schema of the record tables. */
export interface QueryDb {
  readonly sql: SqlExecutor
  readonly schema: string
}

/** The schema, quoted for interpolation into SQL. */
export const schemaOf = (db: QueryDb): string => quoteSchema(db.schema)

/**
 * Collects the parameters of one statement: `p(value)` stores it and returns its placeholder,
 * so SQL text and parameters cannot drift apart.
 */
export const parameters = (): { params: unknown[]; p: (value: unknown) => string } => {
  const params: unknown[] = []
  return { params, p: (value) => `$${params.push(value)}` }
}

/** Runs one parameterised statement; failures are transient STORE_FAILED errors naming the engine and the query. */
export const select = async <R>(db: QueryDb, what: string, sql: string, params: readonly unknown[]): Promise<R[]> => {
  try {
    return (await db.sql.query<R>(sql, params)).rows
  } catch (err) {
    // 57014: the statement timeout cancelled it; 42P01: the schema was never migrated.
    const why = isSqlStateError(err) && err.code === '57014' ? 'took longer than the query timeout' : 'failed'
    throw storeError(db.sql.engine, `query ${what} ${why}`, what, err)
  }
}

/**
 * A select list as one json object per row, for selectRows: `columns` are column references keyed
 * by their name (`c.turn` → `turn`), `named` other expressions by the key given.
 */
export const jsonRow = (columns: readonly string[], named: Readonly<Record<string, string>> = {}): string => {
  const pairs = [...columns.map((c) => [c.slice(c.indexOf('.') + 1), c] as const), ...Object.entries(named)]
  return `json_build_object(${pairs.map(([key, value]) => `'${key}', ${value}`).join(', ')}) AS row`
}

/**
 * Runs a statement whose select list is a jsonRow and returns the objects. One field per row
 * rather than one per column: PGlite's protocol parser copies each field into an ArrayBuffer of
 * its own and decodes it apart, and pg runs a type parser per field; a page of 50 claims (19
 * columns, 2,000 records) took 4.5 ms of CPU on PGlite as columns and 2.7 ms as one object per
 * row, 4.8 and 2.1 ms on PostgreSQL. Timestamps arrive as ISO strings.
 */
export const selectRows = async <R>(db: QueryDb, what: string, sql: string, params: readonly unknown[]): Promise<R[]> =>
  (await select<{ row: R }>(db, what, sql, params)).map((r) => r.row)

/** A page cursor: the ordering key of the last row, as opaque base64url JSON. */
export const encodeCursor = (key: readonly (string | number)[]): string => Buffer.from(JSON.stringify(key)).toString('base64url')

/** The key in a cursor made by encodeCursor, checked against the expected shape; a bad one names the parameter. */
export const decodeCursor = <K extends readonly ('string' | 'number')[]>(cursor: string, shape: K): { [I in keyof K]: K[I] extends 'number' ? number : string } => {
  let key: unknown
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    key = undefined
  }
  if (!Array.isArray(key) || key.length !== shape.length || key.some((v, i) => typeof v !== shape[i])) {
    throw new PodpipeError('MALFORMED', 'not a cursor this query returned (pass nextCursor back unchanged)', { input: 'cursor' })
  }
  return key as { [I in keyof K]: K[I] extends 'number' ? number : string }
}

/** A timestamptz as a jsonRow gives it (ISO 8601 with an offset) in the API's form (UTC, milliseconds, Z), or null. */
export const iso = (v: string | null): string | null => (v === null ? null : new Date(v).toISOString())

/** The sort key of an episode's date: undated episodes sort last, as -infinity. */
export const DATE_KEY = "coalesce(e.published_at, '-infinity'::timestamptz)"
/** A cursor's date key back into SQL: an ISO string, or -infinity. */
export const dateKey = (d: string | null): string => (d === null ? '-infinity' : new Date(d).toISOString())
