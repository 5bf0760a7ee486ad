/** The frame around every page: header with Sync Now and its pending badge, offline banner, section nav. */
import { A } from '@solidjs/router'
import { Show, type JSX, type ParentProps } from 'solid-js'
import { OfflineBanner } from './OfflineBanner.tsx'
import { SyncBanner } from './SyncBanner.tsx'
import { SyncNowButton } from './SyncNowButton.tsx'

export interface Section {
  path: string
  label: string
}

export interface ShellProps extends ParentProps {
  sections: readonly Section[]
  online: boolean
  /** Outbox rows waiting to reach QuickBooks; undefined while loading. */
  pending: number | undefined
  onSyncNow: () => void
  /** Notices shown above the page (demo data loading, update available). */
  notice?: JSX.Element
}

export function Shell(props: ShellProps) {
  return (
    <div class="shell">
      {/* data-online: the header's Sync Now and badge follow the edge's reachability, not the browser's flag. */}
      <header class="app-header" classList={{ offline: !props.online }} data-online={props.online ? 'yes' : 'no'}>
        <h1 class="brand">Fieldsync</h1>
        <SyncNowButton pending={props.pending} onClick={props.onSyncNow} />
      </header>
      <Show when={!props.online} fallback={<SyncBanner />}>
        <OfflineBanner />
      </Show>
      <nav class="app-nav" aria-label="Main">
        {props.sections.map((s) => (
          <A href={s.path} activeClass="active" end={false}>
            {s.label}
          </A>
        ))}
      </nav>
      {props.notice}
      <main class="app-main">{props.children}</main>
    </div>
  )
}
