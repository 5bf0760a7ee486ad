/**
 * One Worker for the whole product: the edge's routes (API, OAuth, webhooks, health) go to the Hono app; every
 * other path is the web app, served from Workers static assets (wrangler.toml `[assets]`, which falls back to
 * index.html for the app's routes). The Worker runs first for every request so that this one place decides the
 * split and the cache headers, and workerd tests can check both through the Worker's own fetch.
 */
import { cacheControlFor, isEdgePath, isHashed } from './routes.ts'

interface AssetsEnv {
  ASSETS?: { fetch(request: Request): Promise<Response> }
}

interface FetchApp<E> {
  fetch(request: Request, env: E, ctx: ExecutionContext): Response | Promise<Response>
}

export function withAssets<E extends object>(app: FetchApp<E>): ExportedHandler<E> {
  return {
    fetch(request, env, ctx) {
      const { pathname } = new URL(request.url)
      const assets = (env as AssetsEnv).ASSETS
      // Without an assets binding (a Worker started on its own for tests) the edge answers everything.
      if (isEdgePath(pathname) || assets === undefined) return app.fetch(request as Request, env, ctx)
      return serveAsset(assets, request as Request, pathname)
    },
  }
}

async function serveAsset(assets: NonNullable<AssetsEnv['ASSETS']>, request: Request, pathname: string) {
  const res = await assets.fetch(request)
  // A hashed file that is not in this build (a page still running an older one) must not become index.html kept
  // for a year: it is missing, and the page's service worker or a reload fetches the current build.
  if (isHashed(pathname) && res.headers.get('content-type')?.startsWith('text/html')) {
    return new Response(`Nothing at ${pathname}.`, { status: 404, headers: { 'Cache-Control': 'no-store' } })
  }
  const cacheControl = cacheControlFor(pathname, res.status)
  if (cacheControl === undefined) return res
  const out = new Response(res.body, res)
  out.headers.set('Cache-Control', cacheControl)
  return out
}
