export * from './analyze-document.js'
export * from './text-post.js'
