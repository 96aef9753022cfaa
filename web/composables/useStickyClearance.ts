import { onBeforeUnmount, onMounted, type Ref } from 'vue'

/** a little air between what scrolled into view and the bar, so nothing touches its edge */
const AIR_PX = 8

/**
 * A bar stuck to the bottom of the screen covers what scrolls beneath it. While it is stuck, the page's scroll
 * padding is its height, so whatever the browser brings into view (a focused chip, a field with an error, a
 * tap's target) stops above the bar instead of under it. Where the bar is not sticky (a phone) nothing changes.
 */
export function useStickyClearance(bar: Ref<HTMLElement | null>): void {
  const page = document.documentElement
  let observer: ResizeObserver | null = null

  function update(): void {
    const el = bar.value
    const stuck = el !== null && getComputedStyle(el).position === 'sticky'
    page.style.scrollPaddingBottom = stuck ? `${Math.ceil(el.getBoundingClientRect().height) + AIR_PX}px` : ''
  }

  onMounted(() => {
    if (typeof ResizeObserver === 'undefined' || !bar.value) return
    observer = new ResizeObserver(update)
    observer.observe(bar.value)
    // the width decides whether the bar sticks (a tablet turned to a phone's width, a window resized)
    window.addEventListener('resize', update)
    update()
  })

  onBeforeUnmount(() => {
    observer?.disconnect()
    window.removeEventListener('resize', update)
    page.style.scrollPaddingBottom = ''
  })
}
