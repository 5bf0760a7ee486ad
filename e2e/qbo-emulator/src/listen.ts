/**
 * @module
 * Serves an emulator over real HTTP on loopback with @hono/node-server. Port 0 picks a free port, so
 * vitest globalSetup files, tests and benchmarks can run many emulators side by side.
 */
import { serve, type ServerType } from '@hono/node-server'
import type { AddressInfo } from 'node:net'
import type { Emulator } from './app.ts'

export interface Listening {
  /** Base URL, e.g. http://127.0.0.1:9400 (no trailing slash). */
  url: string
  port: number
  close(): Promise<void>
}

export function listen(emulator: Emulator, opts: { port?: number; hostname?: string } = {}): Promise<Listening> {
  const hostname = opts.hostname ?? '127.0.0.1'
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err)
    const server: ServerType = serve(
      { fetch: emulator.app.fetch, port: opts.port ?? 0, hostname },
      (info: AddressInfo) => {
        server.off('error', onError)
        const url = `http://${hostname}:${info.port}`
        resolve({
          url,
          port: info.port,
          close: () =>
            new Promise<void>((done) => {
              emulator.stop()
              if ('closeAllConnections' in server) server.closeAllConnections()
              server.close(() => done())
            }),
        })
      },
    )
    server.on('error', onError)
  })
}
