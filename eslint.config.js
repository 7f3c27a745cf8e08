import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/** The pure core: no I/O, no queue; `podpipe analyze` runs it without Redis. */
export const CORE = ['src/feed/**', 'src/transcript/**', 'src/turns/**', 'src/nlp/**', 'src/record/**', 'src/analyze/**']
// Flat config replaces a rule's options per file rather than merging them, so the core block
// repeats the src layer pattern next to its own.
const SRC_LAYER = { regex: '(^|/)(pipelines|workers)/', message: 'src/ must not import pipelines/ or workers/ (folders depend one way: src ← workers ← pipelines).' }
const WORKERS_LAYER = { regex: '(^|/)pipelines/', message: 'workers/ must not import pipelines/: shared plumbing belongs in src/stage (folders depend one way).' }

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // Folders depend one way: src ← workers ← pipelines. Only the command (src/cli) may start
    // what pipelines/ wires; shared stage plumbing lives in src/stage so workers need no pipelines/.
    files: ['src/**'],
    ignores: ['src/cli/**', 'src/cli.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [SRC_LAYER] }] },
  },
  {
    files: ['workers/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [WORKERS_LAYER] }] },
  },
  {
    // The core never talks to Redis or the queue library: workers and pipelines do.
    files: CORE,
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'bullmq', message: 'The core stays free of queue code (design.md).' },
          { name: 'ioredis', message: 'The core stays free of Redis (design.md).' },
          { name: 'natural', message: 'Import the natural module you use (natural/lib/natural/...): the root loads dotenv, mongoose and pg.' },
        ],
        patterns: [SRC_LAYER, { regex: '(^|/)(queue|stage|store|server)/', message: 'The core is pure: no queue, stage plumbing, store or server code (design.md).' }],
      }],
    },
  },
)
