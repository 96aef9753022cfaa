import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../../helpers/proxy-process'

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sources(path)
    return /\.(vue|ts)$/.test(entry.name) ? [path] : []
  })
}

describe('questions before an action', () => {
  it('are the app’s own dialog everywhere: no native confirm(), alert() or prompt()', () => {
    const native = sources(join(REPO_ROOT, 'web')).filter((file) =>
      /\b(window\.)?(confirm|alert|prompt)\(\s*t\(|window\.(confirm|alert|prompt)\(/.test(
        readFileSync(file, 'utf8'),
      ),
    )
    expect(native).toEqual([])
  })

  it('name their action: a door is opened with “Ha, ochish”, not “Ha, oʻchirish”', async () => {
    const door = (await import('../../../web/i18n/messages/device-settings/uz')).default
    expect(door.deviceSettings.door.confirmYes).toBe('Ha, ochish')
    const dialog = readFileSync(join(REPO_ROOT, 'web/components/device-settings/DoorSection.vue'), 'utf8')
    expect(dialog).toContain(`yes: t('deviceSettings.door.confirmYes')`)
  })
})
