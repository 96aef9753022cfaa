import type { CallOptions, Channel } from './channel'
import { invalidInput } from './errors'
import { readOk } from './parse'
import { escapeXml } from './xml'

const NAMESPACE = 'http://www.isapi.org/ver20/XMLSchema'

/** `cmd` values of `RemoteControlDoor` (research/isapi.md §6). */
export const DOOR_COMMANDS = ['open', 'close', 'alwaysOpen', 'alwaysClose'] as const
export type DoorCommand = (typeof DOOR_COMMANDS)[number]

/** 65535 means every door; terminals have one or two. */
const ALL_DOORS = 65_535

export function doorPath(doorId: number): string {
  return `/ISAPI/AccessControl/RemoteControl/door/${doorId}`
}

/**
 * `PUT /ISAPI/AccessControl/RemoteControl/door/<id>` with `<RemoteControlDoor><cmd>…</cmd>` (the DS-KV6124
 * capture `RemoteControl.door.1.PUT-open`). The device only says OK: nothing can be read back, the lock is
 * seen by a person at the door. A model without a relay refuses with `notSupport` (`device_rejected`).
 */
export async function remoteControlDoor(
  ch: Channel,
  doorId: number,
  cmd: DoorCommand,
  call?: CallOptions,
): Promise<void> {
  if (!Number.isInteger(doorId) || doorId < 1 || doorId > ALL_DOORS) {
    throw invalidInput('doorId', 'door number must be 1–65535')
  }
  if (!DOOR_COMMANDS.includes(cmd))
    throw invalidInput('cmd', `door command must be ${DOOR_COMMANDS.join(', ')}`)
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<RemoteControlDoor version="2.0" xmlns="${NAMESPACE}"><cmd>${escapeXml(cmd)}</cmd></RemoteControlDoor>`
  const path = doorPath(doorId)
  return ch.run('write', call, async (send) => {
    readOk(await send({ method: 'PUT', path, body: Buffer.from(body), contentType: 'application/xml' }), path)
  })
}
