import { readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ALL_QUEUES, QUEUE_ORDER } from '../src/queue/index.js'
import { INGEST, STAGES, nextStage } from './ingest.js'

const workerFiles = readdirSync(new URL('../workers/', import.meta.url))
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .map((f) => f.replace(/\.ts$/, ''))

describe('the ingest pipeline wiring', () => {
  it('has exactly one worker file per queue and one queue per worker file', () => {
    expect([...workerFiles].sort()).toEqual([...ALL_QUEUES].sort())
  })

  it('binds each queue to the stage defined for it', () => {
    for (const queue of ALL_QUEUES) expect(STAGES[queue].queue).toBe(queue)
  })

  it('runs the stages in queue order and ends at publish', () => {
    expect([...INGEST]).toEqual([...QUEUE_ORDER])
    expect(nextStage('feeds')).toBe('transcripts')
    expect(nextStage('publish')).toBeUndefined()
    expect(nextStage('webhook')).toBeUndefined()
  })

  it('has one CPU stage, analyze, between the transcript fetch and publish', () => {
    expect(nextStage('transcripts')).toBe('analyze')
    expect(nextStage('analyze')).toBe('publish')
  })
})
