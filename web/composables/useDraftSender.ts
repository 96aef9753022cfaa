import { effectScope, watch } from 'vue'
import type { ApiClient } from '../api/client'
import { register } from '../api/registrations'
import { useDraftsStore } from '../stores/drafts'
import { useSessionStore } from '../stores/session'
import { useWorkStore } from '../stores/work'
import { acrossTabs } from '../sync/exclusive'
import { createDraftSender } from '../sync/sender'
import { classIdByName } from './useClasses'
import type { HealthPoller } from './useProxyHealth'

/** Sent drafts stay on the Queue page this long, then they (and their photos) are forgotten. */
const KEEP_DONE_MS = 7 * 24 * 60 * 60 * 1000

/**
 * Started once by the root component: the sender runs while the app is open and looks at the queue at once,
 * whenever the proxy answers again (health polling with backoff), on `online` and when the tab becomes
 * visible. Returns the function that stops it.
 */
export function startDraftSender(api: ApiClient, health: HealthPoller): () => void {
  const session = useSessionStore()
  const drafts = useDraftsStore()
  const work = useWorkStore()
  const sender = createDraftSender({
    repo: drafts.repository(),
    send: (body) => register(api, body),
    canSend: () => session.isPaired,
    classIdByName,
    exclusive: acrossTabs('sr-draft-sender'),
  })
  drafts.connect({ sender })

  const scope = effectScope(true)
  let endWork: (() => void) | null = null
  scope.run(() => {
    // an app update must not reload the page in the middle of writing a student
    watch(
      () => sender.state.sendingId,
      (id) => {
        if (id && !endWork) endWork = work.begin('enrollment')
        if (!id && endWork) {
          endWork()
          endWork = null
        }
      },
    )
    watch(
      () => health.state.status,
      (status) => status === 'online' && sender.kick('connectivity'),
    )
    watch(
      () => session.isPaired,
      (paired) => paired && sender.kick('connectivity'),
    )
  })

  const onOnline = () => sender.kick('connectivity')
  const onVisible = () => document.visibilityState === 'visible' && sender.kick('connectivity')
  window.addEventListener('online', onOnline)
  document.addEventListener('visibilitychange', onVisible)
  // tidying old finished drafts is best effort: a store closing meanwhile (the app going away) is no error,
  // and the next start tidies again
  drafts
    .repository()
    .clearDone(Date.now() - KEEP_DONE_MS)
    .catch(() => undefined)
  sender.start()

  return () => {
    sender.stop()
    scope.stop()
    window.removeEventListener('online', onOnline)
    document.removeEventListener('visibilitychange', onVisible)
    endWork?.()
    drafts.connect({ sender: null })
  }
}
