import { defineStore } from 'pinia'
import { computed, ref } from 'vue'

/**
 * Work that must not be cut short by a reload (an enrollment being written to the devices).
 * Whoever starts such work calls `begin()` and calls the returned function when it is over.
 */
export const useWorkStore = defineStore('work', () => {
  const running = ref<string[]>([])
  const isBusy = computed(() => running.value.length > 0)

  function begin(label: string): () => void {
    running.value = [...running.value, label]
    let ended = false
    return () => {
      if (ended) return
      ended = true
      const index = running.value.indexOf(label)
      if (index >= 0) running.value = running.value.filter((_, i) => i !== index)
    }
  }

  return { running, isBusy, begin }
})
