import { defineConfig } from 'vite'
import solid from 'vite-plugin-solid'
import { ports } from './scripts/ports.ts'
import { precacheServiceWorker } from './web/src/sw/precache-plugin.ts'

// The app and the edge share one origin in development: vite forwards the edge's
// routes, so the session cookie is first-party and CORS never comes into play.
const edge = `http://127.0.0.1:${ports.edge}`
const proxy = {
  '/api/feed': { target: edge, ws: true },
  '/api': edge,
  '/auth': edge,
  '/webhooks': edge,
  '/health': edge,
}

export default defineConfig({
  root: 'web',
  // The service worker is built as /sw.js with the list of this build's files in it.
  plugins: [solid(), precacheServiceWorker({ entry: 'src/sw/service-worker.ts', publicDir: 'web/public' })],
  worker: { format: 'es' },
  build: { outDir: '../dist', emptyOutDir: true, target: 'es2022' },
  server: { host: '127.0.0.1', port: ports.web, strictPort: true, proxy },
  preview: { host: '127.0.0.1', port: ports.web, strictPort: true, proxy },
})
