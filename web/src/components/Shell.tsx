import { A } from '@solidjs/router'
import type { ParentProps } from 'solid-js'
import { sections } from '../app.tsx'

export function Shell(props: ParentProps) {
  return (
    <div class="shell">
      <header class="app-header">
        <h1 class="brand">Fieldsync</h1>
        <button type="button" class="btn btn-primary" disabled title="Sync arrives with the QuickBooks connection">
          Sync Now
        </button>
      </header>
      <nav class="app-nav" aria-label="Main">
        {sections.map((s) => (
          <A href={s.path} activeClass="active" end={false}>
            {s.label}
          </A>
        ))}
      </nav>
      <main class="app-main">{props.children}</main>
    </div>
  )
}
