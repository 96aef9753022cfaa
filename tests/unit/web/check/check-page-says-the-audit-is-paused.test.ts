// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import AuditPausedNotice from '../../../../web/components/check/AuditPausedNotice.vue'
import { createAppI18n } from '../../../../web/i18n'

function noticeIn(locale: 'uz' | 'ru' | 'en', paused: boolean): string {
  const wrapper = mount(AuditPausedNotice, {
    props: { paused },
    global: { plugins: [createAppI18n(locale)] },
  })
  const text = wrapper.text()
  wrapper.unmount()
  return text
}

describe('the Check page when the proxy stopped recording the audit for lack of disk space', () => {
  it('says so in each language, and that enrollment goes on', () => {
    expect(noticeIn('uz', true)).toContain('roʻyxatga olish davom etadi')
    expect(noticeIn('ru', true)).toContain('регистрация продолжается')
    expect(noticeIn('en', true)).toContain('enrollment goes on')
  })

  it('says nothing while the audit is stored', () => {
    expect(noticeIn('uz', false)).toBe('')
  })
})
