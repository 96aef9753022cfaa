// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { h } from 'vue'
import DialogFrame from '../../../web/components/DialogFrame.vue'

afterEach(() => document.body.replaceChildren())

function frame(locked: boolean) {
  return mount(DialogFrame, {
    attachTo: document.body,
    props: { locked },
    slots: { default: ({ panel }: { panel: object }) => h('section', { ...panel, class: 'panel' }, 'Body') },
  })
}

describe('a dialog’s frame', () => {
  it('gives its panel the dialog role and the focus, and closes on Escape or a click beside it', async () => {
    const wrapper = frame(false)
    await flushPromises()
    const panel = wrapper.get('.panel')
    expect(panel.attributes()).toMatchObject({ role: 'dialog', 'aria-modal': 'true', tabindex: '-1' })
    expect(document.activeElement).toBe(panel.element)
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }))
    await wrapper.get('.backdrop').trigger('click')
    await panel.trigger('click')
    expect(wrapper.emitted('close')).toHaveLength(2)
    wrapper.unmount()
  })

  it('stays open while locked (an upload or a write under way)', async () => {
    const wrapper = frame(true)
    await flushPromises()
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }))
    await wrapper.get('.backdrop').trigger('click')
    expect(wrapper.emitted('close')).toBeUndefined()
    wrapper.unmount()
  })
})
