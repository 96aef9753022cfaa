import { onScopeDispose, shallowRef } from 'vue'
import type { ConfirmAsk } from '../components/confirmAsk'

interface Asked {
  question: ConfirmAsk
  answer: (yes: boolean) => void
}

/** The question on screen, if any; the app's one confirmation dialog (`ConfirmHost`) shows it. */
export const asked = shallowRef<Asked | null>(null)

/**
 * Asks before an action, in the app's own dialog: `if (await confirm({ title, body, yes })) …`. One question
 * stands at a time: a new one answers the one before "no", and so does the asking component's unmounting,
 * so no answer reaches a screen that has gone.
 */
export function useConfirm(): (question: ConfirmAsk) => Promise<boolean> {
  let mine: Asked | null = null
  onScopeDispose(() => mine?.answer(false))
  return (question) =>
    new Promise((resolve) => {
      asked.value?.answer(false)
      const entry: Asked = {
        question,
        answer(yes) {
          if (asked.value === entry) asked.value = null
          if (mine === entry) mine = null
          resolve(yes)
        },
      }
      mine = entry
      asked.value = entry
    })
}
