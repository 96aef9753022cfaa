import { AppError } from '../../../shared/errors'
import type { HttpHost } from '../../isapi'
import { listenerPath, redact, sameListener, slotUrl } from './listener-url'

export interface SlotChoiceInput {
  slots: readonly HttpHost[]
  expected: string
  /** the slot this proxy wrote last time, if it remembers one */
  remembered?: string | undefined
  /** the backend's webhook URLs (both directions): a slot posting to one of their paths is ours */
  ownUrls: readonly string[]
}

/**
 * Which listening slot gets the expected URL. Slots that belong to someone else (another vendor's server,
 * Hik-Connect) are left alone, so the order is: the slot that already has it, the one this proxy wrote
 * before, one that posts to the backend's webhook path (an old secret or the other direction), an empty
 * one, and on a one-slot device the only slot there is. A device whose every slot serves someone else
 * is a `conflict`: overwriting one would silently cut that system off.
 */
export function chooseSlot({ slots, expected, remembered, ownUrls }: SlotChoiceInput): HttpHost {
  const ownPaths = new Set(ownUrls.map(listenerPath).filter((p): p is string => p !== null))
  const urlOf = (slot: HttpHost) => slotUrl(slot)
  const pick =
    slots.find((slot) => {
      const url = urlOf(slot)
      return url !== null && sameListener(url, expected)
    }) ??
    slots.find((slot) => slot.id === remembered) ??
    slots.find((slot) => {
      const path = listenerPath(urlOf(slot) ?? '')
      return path !== null && ownPaths.has(path)
    }) ??
    slots.find((slot) => urlOf(slot) === null) ??
    (slots.length === 1 ? slots[0] : undefined)
  if (pick) return pick
  if (slots.length === 0) {
    throw new AppError('device_rejected', 'The device lists no event listening slots (httpHosts)')
  }
  throw new AppError(
    'conflict',
    `All ${slots.length} event listening slots of the device are used by other systems; free one on the device first`,
    {
      details: {
        actual: slots
          .map(urlOf)
          .filter((u): u is string => u !== null)
          .map(redact),
      },
    },
  )
}
