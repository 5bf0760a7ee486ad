/** Mounts the app, registers the service worker (production builds) and honours `?demo=1`. */
import { createSignal, Show } from 'solid-js'
import { render } from 'solid-js/web'
import { App } from './app.tsx'
import { ProgressBar } from './components/ProgressBar.tsx'
import { openAppDb } from './state/db.ts'
import { demoFlag, loadDemo } from './state/demo.ts'
import './styles.css'

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')

const [demo, setDemo] = createSignal<'idle' | 'loading' | string>('idle')
if (demoFlag()) {
  setDemo('loading')
  // An app that already has records keeps them; only a real failure is worth a notice.
  void loadDemo(openAppDb()).then((r) => setDemo(r.ok || r.error.kind === 'refused' ? 'idle' : r.error.message))
}
const notice = () => (
  <Show when={demo() !== 'idle'}>
    <div class="notice" data-testid="demo-notice">
      {demo() === 'loading' ? <ProgressBar label="Adding demo data…" /> : demo()}
    </div>
  </Show>
)

render(() => <App notice={notice()} />, root)

if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  // After load, so precaching never competes with the first render.
  addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch((e: unknown) => console.warn('Offline support is unavailable:', e))
  })
}
