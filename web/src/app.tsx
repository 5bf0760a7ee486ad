/**
 * Routes and the frame around them. Each page is its own chunk (lazy), so the
 * first load carries only the shell; the page code arrives on first visit and is
 * precached by the service worker for offline use.
 */
import { HashRouter, Navigate, Route, useNavigate, type RouteSectionProps } from '@solidjs/router'
import { QueryClientProvider } from '@tanstack/solid-query'
import { createEffect, createMemo, lazy, on, onCleanup, Suspense, type JSX } from 'solid-js'
import { defaultSettings } from '#shared/domain/index.ts'
import { Shell } from './components/Shell.tsx'
import { followJoinLink } from './routes/join/join-link.ts'
import { onLocalEdit, pendingCount } from './db/outbox.ts'
import { getSettings } from './db/settings.ts'
import { DbContext, openAppDb, useDb } from './state/db.ts'
import { FormatContext, makeFormats } from './state/format.ts'
import { createLive } from './state/live.ts'
import { connectivity } from './state/online.ts'
import { createAppQueryClient } from './state/queries.ts'
import { useSession } from './state/session.ts'
import { syncStatus } from './state/sync-status.ts'

export const sections = [
  { path: '/contacts', label: 'Contacts' },
  { path: '/invoices', label: 'Invoices' },
  { path: '/pricebook', label: 'Pricebook' },
  { path: '/payments', label: 'Payments' },
  { path: '/settings', label: 'Settings' },
] as const

const ContactsList = lazy(() => import('./routes/contacts/ContactsList.tsx'))
const ContactDetail = lazy(() => import('./routes/contacts/ContactDetail.tsx'))
const ContactEdit = lazy(() => import('./routes/contacts/ContactEdit.tsx'))
const ItemsList = lazy(() => import('./routes/pricebook/ItemsList.tsx'))
const ItemEdit = lazy(() => import('./routes/pricebook/ItemEdit.tsx'))
const InvoicesList = lazy(() => import('./routes/invoices/InvoicesList.tsx'))
const InvoiceNew = lazy(() => import('./routes/invoices/InvoiceNew.tsx'))
const InvoiceDetail = lazy(() => import('./routes/invoices/InvoiceDetail.tsx'))
const PaymentsList = lazy(() => import('./routes/payments/PaymentsList.tsx'))
const PaymentNew = lazy(() => import('./routes/payments/PaymentNew.tsx'))
const PaymentDetail = lazy(() => import('./routes/payments/PaymentDetail.tsx'))
const SettingsPage = lazy(() => import('./routes/settings/SettingsPage.tsx'))
const SyncPage = lazy(() => import('./routes/sync/SyncPage.tsx'))
const JoinPage = lazy(() => import('./routes/join/JoinPage.tsx'))
const ExportPage = lazy(() => import('./routes/export/ExportPage.tsx'))
const SetupWizard = lazy(() => import('./routes/setup/SetupWizard.tsx'))

function Frame(props: RouteSectionProps & { notice?: JSX.Element }) {
  const db = useDb()
  const net = connectivity()
  const online = net.online
  const pending = createLive(() => pendingCount(db), undefined, ['outbox'])
  const settings = createLive(() => getSettings(db), undefined, ['settings'])
  // The worker writes the settings row during a sync (its checkpoint): the formats every row reads are rebuilt
  // only when what they show changes.
  const shown = createMemo(
    () => {
      const s = settings() ?? defaultSettings
      return { locale: s.locale, currency: s.currency }
    },
    undefined,
    { equals: (a, b) => a.locale === b.locale && a.currency === b.currency },
  )
  const formats = createMemo(() => makeFormats(shown()))
  const navigate = useNavigate()
  const sync = syncStatus()
  const qbo = useSession()
  void qbo.refresh().then((s) => {
    if (s?.connected) sync.start((settings() ?? defaultSettings).pullIntervalMinutes)
  })
  // Every committed edit in this tab (the engine's own writes never queue one): with the automatic schedule the
  // engine pushes after a quiet second, when online. A notice, not the badge: a second edit of a record still queued
  // leaves the count as it was.
  onCleanup(
    onLocalEdit(() => {
      if (qbo.connected()) sync.edited()
    }),
  )
  // The engine starts online; it hears of every change, and of an offline start (online at start would only wake
  // the worker early, which a first load must not).
  createEffect(
    on(online, (o, before) => {
      if (before !== undefined || !o) sync.setOnline(o)
    }),
  )
  // A sync that stopped on a fault may have lost the edge: ask it, rather than wait for the browser to notice.
  createEffect(
    on(
      () => sync.state.error,
      (error) => {
        if (error?.kind === 'fault') void net.check()
      },
      { defer: true },
    ),
  )
  const onSyncNow = async () => {
    // Offline, Sync Now first asks whether the edge is back; the answer moves the banner either way.
    if (!online() && !(await net.check())) return
    if (!qbo.connected()) return navigate('/settings')
    // The first sync is reviewed before anything is sent: Sync Now takes the user to it.
    const r = await sync.syncNow()
    if (!r.ok && r.error.kind === 'needs_initial_sync') navigate('/sync')
  }
  return (
    <FormatContext.Provider value={formats}>
      {/* Until QuickBooks is connected, Sync Now leads to where the connection is made. */}
      <Shell
        sections={sections}
        online={online()}
        pending={pending()}
        onSyncNow={() => void onSyncNow()}
        notice={props.notice}
      >
        <Suspense fallback={<p class="loading">Loading…</p>}>{props.children}</Suspense>
      </Shell>
    </FormatContext.Provider>
  )
}

export function App(props: { notice?: JSX.Element }) {
  // A join code's QR code opens /join?code=…: the hash router reads it as its own join page.
  followJoinLink()
  // Made once: a prop read is a getter in Solid, so creating it inline would hand out a new cache per read.
  const queryClient = createAppQueryClient()
  return (
    <QueryClientProvider client={queryClient}>
      <DbContext.Provider value={openAppDb()}>
        <HashRouter root={(p) => <Frame {...p} notice={props.notice} />}>
          <Route path="/" component={() => <Navigate href="/contacts" />} />
          <Route path="/contacts" component={ContactsList} />
          <Route path="/contacts/new" component={ContactEdit} />
          <Route path="/contacts/:id" component={ContactDetail} />
          <Route path="/contacts/:id/edit" component={ContactEdit} />
          <Route path="/pricebook" component={ItemsList} />
          <Route path="/pricebook/new" component={ItemEdit} />
          <Route path="/pricebook/:id" component={ItemEdit} />
          <Route path="/invoices" component={InvoicesList} />
          <Route path="/invoices/new" component={InvoiceNew} />
          <Route path="/invoices/:id" component={InvoiceDetail} />
          <Route path="/payments" component={PaymentsList} />
          <Route path="/payments/new" component={PaymentNew} />
          <Route path="/payments/:id" component={PaymentDetail} />
          <Route path="/settings" component={SettingsPage} />
          <Route path="/sync" component={SyncPage} />
          <Route path="/join" component={JoinPage} />
          <Route path="/export" component={ExportPage} />
          <Route path="/setup" component={SetupWizard} />
          <Route path="*" component={() => <Navigate href="/contacts" />} />
        </HashRouter>
      </DbContext.Provider>
    </QueryClientProvider>
  )
}
