/** Going offline in a journey: the two ways a tablet loses its edge, and the wait that must come first. */
import type { Page } from '@playwright/test'

/** Resolves once the service worker controls the page, so the app's files are there with no network. */
export async function serviceWorkerInControl(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready
    if (!navigator.serviceWorker.controller) {
      await new Promise<void>((resolve) =>
        navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }),
      )
    }
  })
}

const edgeRoutes = /^https?:\/\/[^/]+\/(api|auth|webhooks|health)(\/|\?|$)/

/** Every call to the edge fails as on dead Wi-Fi, while the browser still says online. */
export async function killEdge(page: Page): Promise<void> {
  await page.context().route(edgeRoutes, (route) => route.abort('internetdisconnected'))
}

export async function reviveEdge(page: Page): Promise<void> {
  await page.context().unroute(edgeRoutes)
}
