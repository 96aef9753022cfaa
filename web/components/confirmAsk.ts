import { computed, type ComputedRef, type Ref } from 'vue'

/**
 * What a confirm dialog asks: its heading and the question; `yes` names the action ("Ha, ochish" for a
 * door; without it the button says "Ha, oʻchirish", so a question that removes nothing names its own);
 * `busy` holds both buttons while the answer runs.
 */
export interface ConfirmAsk {
  title: string
  body: string
  yes?: string
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
