import { describe, expect, it } from 'vitest'
import { HealthResponse } from '../../../../shared/api/health'
import { createApp } from '../../../../proxy/http/app'
import { testContext } from './test-context'

describe('GET /api/health', () => {
  it("names the school's time zone (SR_TIMEZONE), so every screen shows the school's wall clock", async () => {
    const app = createApp(testContext({ timeZone: 'Asia/Samarkand' }))
    const answer = HealthResponse.parse(await (await app.request('/api/health')).json())
    expect(answer.timeZone).toBe('Asia/Samarkand')
  })
})
