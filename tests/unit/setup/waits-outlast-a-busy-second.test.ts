import { expect, it, vi } from 'vitest'

it('a wait without its own timeout outlasts a second on a busy machine', async () => {
  const start = Date.now()
  await vi.waitFor(() => {
    if (Date.now() - start < 1_200) throw new Error('not yet')
  })
  expect(Date.now() - start).toBeGreaterThanOrEqual(1_200)
})
