// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import { useAppUpdateStore } from '../../../web/stores/appUpdate'
import { useWorkStore } from '../../../web/stores/work'

function setup() {
  setActivePinia(createPinia())
  const update = useAppUpdateStore()
  const work = useWorkStore()
  const activate = vi.fn(async () => undefined)
  const reload = vi.fn()
  update.connect({ activate, reload })
  return { update, work, activate, reload }
}

describe('app update', () => {
  beforeEach(() => localStorage.clear())

  it('activates the new version when the person taps Update while nothing runs', async () => {
    const { update, activate } = setup()
    update.needRefresh = true
    await update.apply()
    expect(activate).toHaveBeenCalledTimes(1)
    expect(update.needRefresh).toBe(false)
  })

  it('refuses to activate during an enrollment', async () => {
    const { update, work, activate } = setup()
    update.needRefresh = true
    work.begin('enrollment')
    await update.apply()
    expect(activate).not.toHaveBeenCalled()
    expect(update.needRefresh).toBe(true)
  })

  it('holds a reload asked for mid-enrollment until the enrollment ends', async () => {
    const { update, work, reload } = setup()
    const end = work.begin('enrollment')
    update.requestReload()
    await nextTick()
    expect(reload).not.toHaveBeenCalled()
    expect(update.reloadPending).toBe(true)

    end()
    await nextTick()
    expect(reload).toHaveBeenCalledTimes(1)
    expect(update.reloadPending).toBe(false)
  })

  it('waits for every running piece of work, and an ended one cannot end twice', async () => {
    const { update, work, reload } = setup()
    const first = work.begin('enrollment')
    const second = work.begin('enrollment')
    update.requestReload()
    first()
    first()
    await nextTick()
    expect(work.isBusy).toBe(true)
    expect(reload).not.toHaveBeenCalled()
    second()
    await nextTick()
    expect(reload).toHaveBeenCalledTimes(1)
  })

  it('reloads at once when idle', () => {
    const { update, reload } = setup()
    update.requestReload()
    expect(reload).toHaveBeenCalledTimes(1)
  })
})
