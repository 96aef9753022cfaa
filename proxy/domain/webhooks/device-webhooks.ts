import type { Device } from '../../../shared/api/devices'
import type { DeviceWebhook, WebhookApplyItem, WebhookUrls } from '../../../shared/api/webhooks'
import { AppError } from '../../../shared/errors'
import type { CallOptions, HttpHost, HttpHostInput, IsapiClient } from '../../isapi'
import type { ClientSource, DeviceSource } from '../device-source'
import { redact, sameListener, slotInputAsRead, slotInputFor, slotUrl } from './listener-url'
import { chooseSlot } from './slot-choice'
import { WebhookDirectory, type SettingsStore } from './webhook-directory'

export interface DeviceWebhooksDeps {
  devices: DeviceSource
  clients: ClientSource
  directory: WebhookDirectory
  /** remembers which slot this proxy wrote on each device */
  settings: SettingsStore
  /** how long a read waits for the backend before using the kept URLs; default 2 s */
  backendWaitMs?: number
  /** told after a device's slots were written, so cached status reports do not show the old state */
  onChanged?: (deviceId: string) => void
  /** relay mode: when on, each device posts to the proxy's own address instead of the school server */
  relay?: RelayTarget
}

/** Where a device posts in relay mode (`event-relay/relay-address.ts`). */
export interface RelayTarget {
  readonly on: boolean
  urlFor(deviceId: string): string
}

type HostsClient = Pick<IsapiClient, 'getHttpHosts' | 'putHttpHost' | 'putHttpHosts'>

/** Refusals of `PUT httpHosts/<id>` that mean "this firmware only takes the whole list". */
const SINGLE_SLOT_UNSUPPORTED = new Set(['methodnotallowed', 'notsupport', 'invalidoperation', 'notfound'])

/**
 * The devices' event listening addresses (httpHosts) against the backend's webhook URLs: what each
 * device posts to, whether that is what it should be, and writing it when it is not.
 */
export class DeviceWebhooks {
  constructor(private readonly deps: DeviceWebhooksDeps) {}

  /**
   * `GET /api/devices/:id/webhook`: never fails for want of a backend, the answer says `gap` instead.
   * `refresh` asks the backend again even within the 60 s a kept copy counts as fresh.
   */
  async read(
    deviceId: string,
    call?: CallOptions,
    options: { refresh?: boolean } = {},
  ): Promise<DeviceWebhook> {
    const device = this.deps.devices.get(deviceId)
    const urls = await this.deps.directory.forCheck(this.deps.backendWaitMs ?? 2_000, options)
    return this.inspect(this.deps.clients.get(deviceId), device, urls, call)
  }

  /** Reads the device's slots and compares them with what the device should post to. */
  async inspect(
    client: Pick<IsapiClient, 'getHttpHosts'>,
    device: Device,
    urls: WebhookUrls | null,
    call?: CallOptions,
  ): Promise<DeviceWebhook> {
    const slots = await client.getHttpHosts(call)
    const view = webhookView(slots, device, urls, this.remembered(device.id), this.relayUrl(device.id))
    return { ...view, replaces: this.wouldReplace(slots, device.id, urls, view) }
  }

  /** The address a fix would overwrite: the slot `apply` would choose, when it holds someone's address. */
  private wouldReplace(
    slots: readonly HttpHost[],
    deviceId: string,
    urls: WebhookUrls | null,
    view: DeviceWebhook,
  ): string | null {
    if (view.inSync || !view.expected) return null
    try {
      const slot = chooseSlot({
        slots,
        expected: view.expected,
        remembered: this.remembered(deviceId),
        ownUrls: [urls?.in, urls?.out, this.deps.relay?.urlFor(deviceId)].filter(
          (url): url is string => url !== undefined,
        ),
      })
      const url = slotUrl(slot)
      return url === null ? null : redact(url)
    } catch {
      // every slot serves another system: the fix refuses and says so, it replaces nothing
      return null
    }
  }

  /** The proxy's own address for this device while relay mode is on; null in backend-direct mode. */
  private relayUrl(deviceId: string): string | null {
    const relay = this.deps.relay
    return relay?.on ? relay.urlFor(deviceId) : null
  }

  /**
   * Writes the expected URL into one slot and reads the list back. The write is only a success when the
   * device then reports that URL: firmware is known to answer OK and keep something else (the DS-K1A340
   * drops the path). Then a slot that held an address is put back as it was (`device_not_applied`,
   * `details.restored`); an empty one cannot be written empty again, and keeps what the device made of it.
   */
  async apply(deviceId: string, known?: WebhookUrls | null): Promise<DeviceWebhook> {
    const device = this.deps.devices.get(deviceId)
    const relayUrl = this.relayUrl(device.id)
    // in relay mode the school server's URLs are only needed to recognise a slot of ours, not to write it
    const urls =
      known !== undefined
        ? known
        : relayUrl
          ? this.deps.directory.known()
          : await this.deps.directory.current()
    if (!device.direction) {
      throw new AppError(
        'validation_failed',
        `Say whether "${device.name}" stands at the entrance or the exit before writing its webhook`,
        { field: 'direction' },
      )
    }
    const client = this.deps.clients.get(deviceId)
    const expected = relayUrl ?? WebhookDirectory.urlFor(urls as WebhookUrls, device.direction)
    const slots = await client.getHttpHosts()
    const slot = chooseSlot({
      slots,
      expected,
      remembered: this.remembered(device.id),
      ownUrls: [urls?.in, urls?.out, this.deps.relay?.urlFor(device.id)].filter(
        (url): url is string => url !== undefined,
      ),
    })
    const before = slots.find((s) => s.id === slot.id)
    let view: DeviceWebhook
    let restored = false
    try {
      await writeSlot(client, slotInputFor(slot.id, expected), slots)
      this.deps.settings.set(slotKey(device.id), slot.id)
      view = webhookView(await client.getHttpHosts(), device, urls, slot.id, relayUrl)
      if (!view.inSync && before && slotUrl(before) !== null) restored = await putBack(client, before, slots)
    } finally {
      this.deps.onChanged?.(device.id)
    }
    if (!view.inSync) {
      throw new AppError(
        'device_not_applied',
        `The device answered OK but kept a different address in slot ${slot.id}; it cannot post attendance to ${redact(expected)}` +
          (restored ? '. The slot was put back as it was.' : ''),
        { details: { reason: 'not_kept', slotId: slot.id, actual: view.actual.map(redact), restored } },
      )
    }
    return view
  }

  /** `POST /api/webhooks/apply`: every device at once (each device's own queue keeps its writes in order). */
  async applyAll(): Promise<WebhookApplyItem[]> {
    const urls = this.deps.relay?.on ? this.deps.directory.known() : await this.deps.directory.current()
    const devices = this.deps.devices.list()
    return Promise.all(
      devices.map(async (device): Promise<WebhookApplyItem> => {
        try {
          const view = await this.apply(device.id, urls)
          return {
            deviceId: device.id,
            name: device.name,
            inSync: true,
            expected: view.expected,
            actual: view.actual,
          }
        } catch (error) {
          const known = error instanceof AppError ? error : null
          return {
            deviceId: device.id,
            name: device.name,
            inSync: false,
            error: {
              code: known?.code ?? 'internal',
              message: known?.message ?? 'The webhook could not be written',
            },
          }
        }
      }),
    )
  }

  private remembered(deviceId: string): string | undefined {
    return this.deps.settings.get(slotKey(deviceId))
  }
}

function slotKey(deviceId: string): string {
  return `webhooks.slot.${deviceId}`
}

/** What a device posts to against what it should post to; `slotId` is where the expected URL is or goes. */
export function webhookView(
  slots: readonly HttpHost[],
  device: Pick<Device, 'direction'>,
  urls: WebhookUrls | null,
  preferredSlot?: string,
  relayUrl?: string | null,
): DeviceWebhook {
  const actual = slots.map(slotUrl).filter((url): url is string => url !== null)
  const direction = device.direction ?? null
  const base = { actual, direction, slots: slots.length }
  if (!urls && !relayUrl) return { ...base, expected: null, inSync: false, gap: 'no_backend', slotId: null }
  if (!direction) return { ...base, expected: null, inSync: false, gap: 'no_direction', slotId: null }
  const expected = relayUrl ?? WebhookDirectory.urlFor(urls as WebhookUrls, direction)
  const holding = slots.find((slot) => {
    const url = slotUrl(slot)
    return url !== null && sameListener(url, expected)
  })
  return {
    ...base,
    expected,
    inSync: holding !== undefined,
    slotId: holding?.id ?? preferredSlot ?? null,
  }
}

/** Writes the slot back as it was read; false when the device refuses that too (it is reported, not thrown). */
async function putBack(client: HostsClient, before: HttpHost, slots: readonly HttpHost[]): Promise<boolean> {
  try {
    await writeSlot(client, slotInputAsRead(before), slots)
    return true
  } catch {
    return false
  }
}

async function writeSlot(
  client: HostsClient,
  input: HttpHostInput,
  slots: readonly HttpHost[],
): Promise<void> {
  try {
    await client.putHttpHost(input)
  } catch (error) {
    const sub = error instanceof AppError ? (error.extra.subStatusCode ?? '').toLowerCase() : ''
    if (!SINGLE_SLOT_UNSUPPORTED.has(sub)) throw error
    await client.putHttpHosts(wholeList(input, slots))
  }
}

/**
 * The list for firmware without the per-slot path, which may take it as its whole new configuration: every
 * other slot in use goes along as it was read. One with its own login cannot (a device never reads out the
 * password), so rather than wipe another system's listener, the write is refused before anything is sent.
 */
function wholeList(input: HttpHostInput, slots: readonly HttpHost[]): HttpHostInput[] {
  const others = slots.filter((slot) => slot.id !== input.id && slotUrl(slot) !== null)
  const withLogin = others.filter((slot) => slot.httpAuthenticationMethod.toLowerCase() !== 'none')
  if (withLogin.length > 0) {
    const ids = withLogin.map((slot) => slot.id)
    throw new AppError(
      'conflict',
      `This device takes its event listening addresses only all at once, and slot ${ids.join(', ')} belongs to another system with its own login, which cannot be written back; set the school's address on the device itself`,
      { details: { reason: 'other_slot_has_login', slots: ids } },
    )
  }
  return [...others.map(slotInputAsRead), input].sort((a, b) => Number(a.id) - Number(b.id))
}
