import { asRecord, asString, refuse, type Handler } from '../context'
import { parseXmlBody, xmlOk } from '../format'

const COMMANDS = ['open', 'close', 'alwaysOpen', 'alwaysClose']

/**
 * `PUT /ISAPI/AccessControl/RemoteControl/door/<id>`: OK as the DS-KV6124 answered (capture
 * `RemoteControl.door.1.PUT-open`); a model without a relay refuses with notSupport. Each command carried
 * out is kept in `state.doorCommands`, the simulator's stand-in for a person watching the lock.
 */
export const door: Handler = (ctx) => {
  if (!ctx.profile.remoteDoor) return refuse(ctx, 'notSupport')
  const doorId = Number(/\/door\/(\d+)$/.exec(ctx.req.path)?.[1])
  const doors = Number(/<electroLockNum>(\d+)<\/electroLockNum>/.exec(ctx.profile.deviceInfoXml)?.[1] ?? 1)
  if (doorId !== 65_535 && (doorId < 1 || doorId > doors)) return refuse(ctx, 'invalidID', 'doorID', 400)
  const cmd = asString(asRecord(parseXmlBody(ctx.req.body)?.RemoteControlDoor)?.cmd)
  if (!cmd || !COMMANDS.includes(cmd)) return refuse(ctx, 'badXmlContent', 'cmd')
  ctx.state.doorCommands.push({ doorId, cmd, at: ctx.now() })
  return xmlOk(ctx.req.path)
}
