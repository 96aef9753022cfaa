import { SecretBox } from './secrets'
import type { SettingsRepo } from './settings-repo'

type SettingsStore = Pick<SettingsRepo, 'get' | 'set'>

/**
 * Settings whose values hold a secret (the school server's webhook URLs carry its webhook secret) are
 * sealed at rest like device passwords; the others pass through. A value stored in plain text before
 * sealing existed is sealed the first time the proxy starts with this code (`sealExisting`).
 */
export class SealedSettings implements SettingsStore {
  constructor(
    private readonly plain: SettingsStore,
    private readonly secrets: Pick<SecretBox, 'seal' | 'open'>,
    private readonly sealedKeys: readonly string[],
  ) {}

  get(key: string): string | undefined {
    const value = this.plain.get(key)
    if (value === undefined || !this.sealedKeys.includes(key) || !SecretBox.isSealed(value)) return value
    return this.secrets.open(value)
  }

  set(key: string, value: string): void {
    this.plain.set(key, this.sealedKeys.includes(key) ? this.secrets.seal(value) : value)
  }

  /** Seals the values of the sealed keys still stored in plain text. */
  sealExisting(): void {
    for (const key of this.sealedKeys) {
      const value = this.plain.get(key)
      if (value !== undefined && !SecretBox.isSealed(value)) this.set(key, value)
    }
  }
}
