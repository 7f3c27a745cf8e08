export { browserPages, notFoundPage, type BrowserDeps } from './routes.js'
