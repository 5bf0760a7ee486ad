/** Fills the tablet with a small contractor's records, with progress, so the app can be tried at once. */
import { createSignal, Show } from 'solid-js'
import { ProgressBar } from '../../components/ProgressBar.tsx'
import { useDb } from '../../state/db.ts'
import { loadDemo } from '../../state/demo.ts'

export function DemoDataCard() {
  const db = useDb()
  const [state, setState] = createSignal<
    { kind: 'idle' } | { kind: 'loading' } | { kind: 'done'; message: string } | { kind: 'failed'; message: string }
  >({ kind: 'idle' })
  const load = async () => {
    setState({ kind: 'loading' })
    const r = await loadDemo(db)
    setState(r.ok ? { kind: 'done', message: r.value } : { kind: 'failed', message: r.error.message })
  }
  return (
    <section class="card" aria-labelledby="demo-title">
      <h3 id="demo-title">Demo data</h3>
      <p class="muted">
        Fills an empty app with the contacts, pricebook, invoices and payments of a small plumbing business, to try
        things out. It is only added while there are no contacts yet.
      </p>
      <Show when={state().kind === 'loading'}>
        <ProgressBar label="Adding demo data…" />
      </Show>
      <Show when={state().kind === 'done' || state().kind === 'failed'}>
        <p role="status" classList={{ 'form-error': state().kind === 'failed', muted: state().kind === 'done' }}>
          {(state() as { message: string }).message}
        </p>
      </Show>
      <button type="button" class="btn" disabled={state().kind === 'loading'} onClick={() => void load()}>
        Load demo data
      </button>
    </section>
  )
}
