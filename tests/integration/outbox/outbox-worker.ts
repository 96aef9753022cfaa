/**
 * A small real process around the proxy's outbox, for crash tests: it opens the data dir with the real
 * store, builds the outbox from the SR_* configuration exactly as the proxy does, optionally writes the
 * reports in OUTBOX_ENQUEUE (a JSON file of report drafts, as a registration would), and sends.
 * Each line on stdout is one JSON event; the test kills it with SIGKILL wherever it likes.
 */
import { readFileSync } from 'node:fs'
import { createOutbox } from '../../../proxy/backend/outbox-from-config'
import type { ReportDraft } from '../../../proxy/backend/report-kinds'
import { loadConfig } from '../../../proxy/config'
import { openDatabase } from '../../../proxy/store/db'

const say = (event: Record<string, unknown>) => process.stdout.write(JSON.stringify(event) + '\n')

const config = loadConfig(process.env)
const db = openDatabase(config.dataDir)
const backoffMs = Number(process.env.OUTBOX_BACKOFF_MS ?? '0')
const outbox = createOutbox(config, db, undefined, {
  sender: backoffMs > 0 ? { backoff: { baseMs: backoffMs, capMs: backoffMs * 8 } } : {},
})

const counts = () => {
  const view = outbox.view()
  return { pending: view.pending.length, failed: view.failed.length, delivered: view.delivered }
}

if (process.env.OUTBOX_ENQUEUE) {
  const drafts = JSON.parse(readFileSync(process.env.OUTBOX_ENQUEUE, 'utf8')) as ReportDraft[]
  outbox.enqueue(drafts)
  say({ event: 'enqueued', ...counts() })
}
outbox.onSettled((report) => say({ event: 'settled', ...report, ...counts() }))
outbox.start()
say({ event: 'started', mode: outbox.mode, ...counts() })

process.once('SIGTERM', () => {
  void outbox.stop().then(() => {
    db.close()
    process.exit(0)
  })
})
