import { nextTick, onMounted, onUnmounted, type Ref } from 'vue'

export interface DialogOptions {
  /** give the focus back to what had it before the dialog opened, when it closes */
  returnFocus?: boolean
}

/** A dialog's keyboard: the focus moves into its panel when it opens, and Escape closes it. */
export function useDialog(
  panel: Readonly<Ref<HTMLElement | null>>,
  close: () => void,
  options: DialogOptions = {},
): void {
  let before: Element | null = null
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') close()
  }
  onMounted(async () => {
    before = document.activeElement
    document.addEventListener('keydown', onKey)
    await nextTick()
    panel.value?.focus()
  })
  onUnmounted(() => {
    document.removeEventListener('keydown', onKey)
    if (options.returnFocus && before instanceof HTMLElement) before.focus()
  })
}
