/**
 * The frame around every page: header with Sync Now and its pending badge, offline banner, section nav, and,
 * once the owner removed this device, what that means and the ways on. It also keeps the device in step with its
 * team (team-watch.ts) for as long as the app is open.
 */
import { A } from '@solidjs/router'
import { Show, type JSX, type ParentProps } from 'solid-js'
import { useDb } from '../state/db.ts'
import { endedMessage, sessionEnded, type SessionEnded } from '../state/session-ended.ts'
import { download, unsentFile } from '../state/team-unsent.ts'
import { useTeamWatch } from '../state/team-watch.ts'
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
  useTeamWatch()
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
      <Show when={sessionEnded()}>{(e) => <RemovedNotice ended={e()} pending={props.pending} />}</Show>
      {props.notice}
      <main class="app-main">{props.children}</main>
    </div>
  )
}

/** The owner removed this device: it says so, keeps what it never sent in view and in a file, and offers to join again. */
function RemovedNotice(props: { ended: SessionEnded; pending: number | undefined }) {
  const db = useDb()
  const save = async () => download(await unsentFile(db, props.ended.companyName, new Date()))
  return (
    <section class="warning-box stack" role="alert" aria-labelledby="removed-title" data-testid="device-removed">
      <h2 id="removed-title" style={{ margin: 0 }}>
        {endedMessage(props.ended)}
      </h2>
      <p>
        It no longer syncs.{' '}
        {props.pending
          ? `${props.pending === 1 ? '1 record it had not sent is' : `${props.pending} records it had not sent are`} ` +
            'still here: you can open them, and save them to a file for the office.'
          : 'Everything it recorded had reached QuickBooks.'}
      </p>
      <div class="actions-row">
        <Show when={props.pending}>
          <button type="button" class="btn btn-primary-solid" onClick={() => void save()}>
            Download unsent records
          </button>
        </Show>
        <A class="btn" href="/join">
          Join a company
        </A>
      </div>
    </section>
  )
}
