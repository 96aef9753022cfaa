import { computed, type ComputedRef, type Ref } from 'vue'

/**
 * What a confirm dialog asks: its heading and the question; `busy` holds both buttons while the answer
 * runs. A screen keeps one of these, or null while it asks nothing.
 */
export interface ConfirmAsk {
  title: string
  body: string
  tone?: 'danger' | 'primary'
  busy?: boolean
}

/** The question to ask while `subject` is set (the row to remove, or `true` for a plain yes/no), else null. */
export function askAbout<T>(
  subject: Readonly<Ref<T | null | undefined | false>>,
  question: (subject: T) => ConfirmAsk | null,
): ComputedRef<ConfirmAsk | null> {
  return computed(() => (subject.value ? question(subject.value) : null))
}
