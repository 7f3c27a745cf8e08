/** The same value with every object's keys in reverse order, as a JSONB round trip may give. */
export const reverseKeys = <T>(v: T): T => {
  if (Array.isArray(v)) return v.map(reverseKeys) as T
  if (v === null || typeof v !== 'object') return v
  return Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reverseKeys(x)])) as T
}
