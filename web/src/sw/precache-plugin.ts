/**
 * Vite plugin that builds the service worker as `sw.js` and writes into it the
 * list of files the build produced (hashed assets, index.html, manifest, icons),
 * so the worker can precache exactly this version of the app. Build only: the
 * dev server never registers a worker.
 */
import { createHash } from 'node:crypto'
import { readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { Plugin } from 'vite'

const placeholder = '__FIELDSYNC_PRECACHE__'

export function precacheServiceWorker(opts: { entry: string; publicDir: string }): Plugin {
  return {
    name: 'fieldsync-precache-sw',
    apply: 'build',
    buildStart() {
      this.emitFile({ type: 'chunk', id: opts.entry, fileName: 'sw.js' })
    },
    // After vite's own plugins, so index.html is in the bundle.
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const sw = bundle['sw.js']
        if (!sw || sw.type !== 'chunk') return this.error('the service worker chunk is missing from the bundle')
        const built = Object.keys(bundle).filter((f) => f !== 'sw.js' && !f.endsWith('.map'))
        const files = ['/', ...new Set([...built, ...publicFiles(opts.publicDir)])]
          .map((f) => (f.startsWith('/') ? f : '/' + f))
          .sort()
        if (!files.includes('/index.html')) return this.error('index.html is missing from the precache list')
        // The version changes whenever any file does: hashed names change with their
        // content, and index.html's own text is hashed in.
        const hash = createHash('sha256')
        for (const f of built.sort()) {
          const out = bundle[f]
          hash.update(f)
          if (out?.type === 'asset' && f.endsWith('.html'))
            hash.update(typeof out.source === 'string' ? out.source : Buffer.from(out.source))
        }
        const value = JSON.stringify({ version: hash.digest('hex').slice(0, 12), files })
        if (!sw.code.includes(placeholder)) return this.error('the service worker does not reference ' + placeholder)
        sw.code = sw.code.replaceAll(placeholder, value)
      },
    },
  }
}

function publicFiles(dir: string): string[] {
  const out: string[] = []
  const walk = (d: string) => {
    let names: string[]
    try {
      names = readdirSync(d)
    } catch {
      return
    }
    for (const name of names) {
      const p = join(d, name)
      if (statSync(p).isDirectory()) walk(p)
      else out.push(relative(dir, p).split('\\').join('/'))
    }
  }
  walk(dir)
  return out
}
