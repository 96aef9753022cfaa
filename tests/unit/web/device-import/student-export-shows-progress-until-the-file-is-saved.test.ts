// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import type { ApiClient } from '../../../../web/api/client'
import StudentExportButtons from '../../../../web/components/device-import/StudentExportButtons.vue'
import { apiClientKey } from '../../../../web/composables/useApi'
import { createAppI18n } from '../../../../web/i18n'

afterEach(() => {
  vi.restoreAllMocks()
  document.body.replaceChildren()
})

function mountButtons(download: ApiClient['download']) {
  const api = { download } as Partial<ApiClient> as ApiClient
  return mount(StudentExportButtons, {
    props: { classId: 'c-1', search: ' Karimov ' },
    global: { plugins: [createAppI18n('uz')], provide: { [apiClientKey as symbol]: api } },
  })
}

describe('the students export buttons', () => {
  it('show a moving bar and lock the buttons while the proxy builds the file, then save it', async () => {
    let finish: (blob: Blob) => void = () => undefined
    const download = vi.fn(() => new Promise<Blob>((resolve) => (finish = resolve)))
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined)
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:export')
    const wrapper = mountButtons(download)

    await wrapper.get('[data-action="export-xlsx"]').trigger('click')
    expect(download).toHaveBeenCalledWith(
      '/api/students/export?format=xlsx&lang=uz&classId=c-1&search=Karimov',
    )
    const progress = wrapper.get('[data-testid="export-progress"]')
    expect(progress.get('progress').attributes('value')).toBeUndefined()
    expect(progress.text()).toContain('Fayl tayyorlanmoqda')
    expect(wrapper.findAll('button').every((b) => b.attributes('disabled') !== undefined)).toBe(true)

    finish(new Blob(['x']))
    await flushPromises()
    expect(wrapper.find('[data-testid="export-progress"]').exists()).toBe(false)
    expect(clicked).toHaveBeenCalledTimes(1)
    expect(wrapper.findAll('button').some((b) => b.attributes('disabled') !== undefined)).toBe(false)
  })

  it('takes the bar away and says so when the file could not be made', async () => {
    const wrapper = mountButtons(vi.fn(() => Promise.reject(new Error('school server down'))))
    await wrapper.get('[data-action="export-csv"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="export-progress"]').exists()).toBe(false)
    expect(wrapper.text()).toContain('Faylni tayyorlab boʻlmadi')
  })
})
