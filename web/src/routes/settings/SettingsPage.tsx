/**
 * Settings: how money and invoices look on this tablet, demo data, the
 * Integrations section with the QuickBooks Online connection, and the company's devices (owners only).
 * A crew tablet changes no settings: it sees the connection's state and nothing to change.
 */
import { createSignal, Show } from 'solid-js'
import type { Settings } from '#shared/domain/index.ts'
import { TextField } from '../../components/Field.tsx'
import { PageHeader } from '../../components/PageHeader.tsx'
import { getSettings, updateSettings } from '../../db/settings.ts'
import { useDb } from '../../state/db.ts'
import { createForm } from '../../state/form.ts'
import { makeFormats } from '../../state/format.ts'
import { createLive } from '../../state/live.ts'
import { useRole } from '../../state/role.ts'
import { DemoDataCard } from './DemoDataCard.tsx'
import { DevicesCard } from './DevicesCard.tsx'
import { QuickBooksCard } from './QuickBooksCard.tsx'
import { SetupCard } from './SetupCard.tsx'

export default function SettingsPage() {
  const db = useDb()
  const settings = createLive(() => getSettings(db), undefined, ['settings'])
  const role = useRole()
  return (
    <div class="stack">
      <PageHeader title="Settings" />
      <section class="card" id="integrations" aria-labelledby="integrations-title">
        <h3 id="integrations-title">Integrations</h3>
        <QuickBooksCard />
      </section>
      <DevicesCard />
      <SetupCard />
      <Show when={role.can('decisions')}>
        <Show when={settings()} fallback={<p class="loading">Loading settings…</p>}>
          {(s) => <AppSettings settings={s()} />}
        </Show>
      </Show>
      <DemoDataCard />
    </div>
  )
}

function AppSettings(props: { settings: Settings }) {
  const db = useDb()
  const s = props.settings
  const form = createForm({
    currency: s.currency,
    locale: s.locale ?? '',
    taxRate: String(s.defaultTaxRateBps / 100),
    terms: String(s.defaultTermsDays),
    nextNumber: String(s.nextInvoiceNumber),
  })
  const v = form.values
  const [saved, setSaved] = createSignal(false)
  const preview = () => {
    try {
      return makeFormats({ currency: v.currency.toUpperCase(), locale: v.locale.trim() || undefined }).money(123456)
    } catch {
      return '—'
    }
  }
  const save = (e: Event) => {
    e.preventDefault()
    setSaved(false)
    void form.run(async () => {
      const fields: Record<string, string> = {}
      const locale = v.locale.trim() || undefined
      if (locale) {
        try {
          new Intl.NumberFormat(locale)
        } catch {
          fields.locale = 'Enter a language tag like en-US or fr-CA, or leave blank for this tablet’s language'
        }
      }
      const pct = Number(v.taxRate.replace(',', '.'))
      if (v.taxRate.trim() === '' || !Number.isFinite(pct)) fields.defaultTaxRateBps = 'Enter a tax rate like 8.25'
      const terms = Number(v.terms)
      if (!Number.isInteger(terms)) fields.defaultTermsDays = 'Enter a whole number of days'
      const next = Number(v.nextNumber)
      if (!Number.isInteger(next)) fields.nextInvoiceNumber = 'Enter a whole number'
      if (Object.keys(fields).length) return form.fail({ kind: 'validation', message: '', fields })
      const r = await updateSettings(db, {
        currency: v.currency.trim().toUpperCase(),
        locale,
        defaultTaxRateBps: Math.round(pct * 100),
        defaultTermsDays: terms,
        nextInvoiceNumber: next,
      })
      if (!r.ok) return form.fail(r.error)
      form.clear()
      setSaved(true)
    })
  }
  return (
    <form class="card" onSubmit={save} novalidate aria-labelledby="app-settings-title">
      <h3 id="app-settings-title">Invoices and money</h3>
      <Show when={form.summary()}>
        <div class="form-error" role="alert">
          {form.summary()}
        </div>
      </Show>
      <div class="grid-3">
        <TextField
          label="Currency"
          value={v.currency}
          onValue={(x) => form.set('currency', x)}
          error={form.error('currency')}
          hint="Three letters, like USD or CAD."
          maxLength={3}
        />
        <TextField
          label="Number format"
          value={v.locale}
          onValue={(x) => form.set('locale', x)}
          error={form.error('locale')}
          placeholder="This tablet’s language"
          hint={`Amounts look like ${preview()}`}
        />
        <TextField
          label="Default tax rate (%)"
          inputmode="decimal"
          value={v.taxRate}
          onValue={(x) => form.set('taxRate', x)}
          error={form.error('defaultTaxRateBps')}
        />
        <TextField
          label="Payment terms (days)"
          inputmode="numeric"
          value={v.terms}
          onValue={(x) => form.set('terms', x)}
          error={form.error('defaultTermsDays')}
        />
        <TextField
          label="Next invoice number"
          inputmode="numeric"
          value={v.nextNumber}
          onValue={(x) => form.set('nextNumber', x)}
          error={form.error('nextInvoiceNumber')}
        />
      </div>
      <div class="form-actions" style={{ position: 'static', background: 'none' }}>
        <Show when={saved()}>
          <span class="muted" role="status">
            Saved.
          </span>
        </Show>
        <button type="submit" class="btn btn-primary-solid" disabled={form.busy()}>
          Save settings
        </button>
      </div>
    </form>
  )
}
