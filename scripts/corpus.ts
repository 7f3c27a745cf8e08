// Where the third-party corpora are read from: ../shared/corpus beside the repository, or
// PODPIPE_CORPUS_DIR. They are never copied into the repository.
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const CORPUS_DIR = process.env.PODPIPE_CORPUS_DIR ?? fileURLToPath(new URL('../../shared/corpus/', import.meta.url))

/** A path inside the corpus folder. */
export const corpusPath = (...parts: string[]): string => join(CORPUS_DIR, ...parts)
