// @vitest-environment happy-dom
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import ConfirmHost from '../../../web/components/ConfirmHost.vue'
import { useConfirm } from '../../../web/composables/useConfirm'
import { createAppI18n } from '../../../web/i18n'

const plugins = () => [createAppI18n('uz')]
let mounted: VueWrapper[] = []
afterEach(() => {
  for (const wrapper of mounted) wrapper.unmount()
  mounted = []
  document.body.replaceChildren()
})

/** The app's one dialog, and a screen that asks through it: `ask` is the screen's `confirm`. */
function screenWithHost() {
  let ask!: ReturnType<typeof useConfirm>
  const Screen = defineComponent({
    setup() {
      ask = useConfirm()
      return () => h('button', { type: 'button', 'data-testid': 'asker' }, 'Remove')
    },
  })
  const host = mount(ConfirmHost, { attachTo: document.body, global: { plugins: plugins() } })
  const screen = mount(Screen, { attachTo: document.body, global: { plugins: plugins() } })
  mounted.push(screen, host)
  return { host, screen, ask: (...args: Parameters<typeof ask>) => ask(...args) }
}

const QUESTION = { title: 'Eshikni ochish', body: 'Eshik ochilsinmi?', yes: 'Ha, ochish' }

describe('the one confirmation dialog', () => {
  it('shows a screen’s question with its own yes, and answers yes or no', async () => {
    const { host, ask } = screenWithHost()
    const first = ask(QUESTION)
    await flushPromises()
    const dialog = host.get('[data-testid="confirm"]')
    expect(dialog.text()).toContain(QUESTION.body)
    expect(host.get('[role="dialog"]').attributes('aria-label')).toBe(QUESTION.title)
    expect(host.get('[data-testid="confirm-yes"]').text()).toBe(QUESTION.yes)
    await host.get('[data-testid="confirm-yes"]').trigger('click')
    expect(await first).toBe(true)
    await flushPromises()
    expect(host.find('[data-testid="confirm"]').exists()).toBe(false)

    const second = ask({ title: 'Oʻchirish', body: 'Oʻchirilsinmi?' })
    await flushPromises()
    expect(host.get('[data-testid="confirm-yes"]').text()).toBe('Ha, oʻchirish')
    await host.get('[data-testid="confirm"] .btn--secondary').trigger('click')
    expect(await second).toBe(false)
  })

  it('answers an open question "no" when another is asked', async () => {
    const { host, ask } = screenWithHost()
    const first = ask(QUESTION)
    const second = ask({ ...QUESTION, body: 'Boshqa savol' })
    expect(await first).toBe(false)
    await flushPromises()
    expect(host.get('[data-testid="confirm"]').text()).toContain('Boshqa savol')
    await host.get('[data-testid="confirm-yes"]').trigger('click')
    expect(await second).toBe(true)
  })

  it('answers "no" and closes when the screen that asked goes away', async () => {
    const { host, screen, ask } = screenWithHost()
    const answer = ask(QUESTION)
    await flushPromises()
    screen.unmount()
    mounted = mounted.filter((wrapper) => wrapper !== screen)
    expect(await answer).toBe(false)
    await flushPromises()
    expect(host.find('[data-testid="confirm"]').exists()).toBe(false)
  })

  it('gives the focus back to what asked once answered', async () => {
    const { host, screen, ask } = screenWithHost()
    const asker = screen.get('[data-testid="asker"]').element as HTMLButtonElement
    asker.focus()
    const answer = ask(QUESTION)
    await flushPromises()
    expect(document.activeElement?.getAttribute('role')).toBe('dialog')
    await host.get('[data-testid="confirm-yes"]').trigger('click')
    await answer
    await flushPromises()
    expect(document.activeElement).toBe(asker)
  })
})
