import js from '@eslint/js'
import tseslint from 'typescript-eslint'

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
    // The core never talks to Redis or the queue library: workers and pipelines do.
    files: ['src/feed/**', 'src/transcript/**', 'src/turns/**', 'src/nlp/**', 'src/record/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'bullmq', message: 'The core stays free of queue code (design.md).' },
          { name: 'ioredis', message: 'The core stays free of Redis (design.md).' },
          { name: 'natural', message: 'Import the natural module you use (natural/lib/natural/...): the root loads dotenv, mongoose and pg.' },
        ],
      }],
    },
  },
)
