/** A page's title row: optional way back, the heading, and the page's main actions on the right. */
import { A } from '@solidjs/router'
import { Show, type JSX } from 'solid-js'

export function PageHeader(props: {
  title: string
  back?: { href: string; label: string }
  actions?: JSX.Element
  subtitle?: JSX.Element
}) {
  return (
    <div class="page-header">
      <div class="page-title">
        <Show when={props.back}>
          {(back) => (
            <A class="back-link" href={back().href}>
              ‹ {back().label}
            </A>
          )}
        </Show>
        <h2>{props.title}</h2>
        <Show when={props.subtitle}>
          <div class="muted">{props.subtitle}</div>
        </Show>
      </div>
      <div class="page-actions">{props.actions}</div>
    </div>
  )
}
