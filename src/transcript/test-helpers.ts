// Shared by the transcript tests: fixtures and a way to look at the PodpipeError a call throws.
import { readFileSync } from 'node:fs'
import { isPodpipeError, type PodpipeError } from '../errors/index.js'

export const fixturePath = (name: string): string => new URL(`../../fixtures/transcripts/${name}`, import.meta.url).pathname

export const fixtureBytes = (name: string): Buffer => readFileSync(fixturePath(name))

export const fixtureText = (name: string): string => readFileSync(fixturePath(name), 'utf8')

export const errorOf = (run: () => unknown): PodpipeError => {
  try {
    run()
  } catch (err) {
    if (isPodpipeError(err)) return err
    throw err
  }
  throw new Error('expected a PodpipeError, but nothing was thrown')
}
