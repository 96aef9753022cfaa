import type { FieldsSectionName } from '../../../shared/api/device-settings'
import type { ResourceDoc } from '../../isapi'

export type FieldKind = 'int' | 'bool' | 'enum' | 'set'

/** One value of a settings document the page shows and writes. */
export interface FieldSpec {
  /** the name the page and the API use */
  key: string
  /** where it lives in the document (the root element / JSON key left out) */
  at: string[]
  /** where its range or options live in the capability document; `at` when absent */
  capsAt?: string[]
  kind: FieldKind
}

/** One device resource and the fields taken from it. */
export interface ResourceSpec {
  path: string
  capsPath: string
  /** the access-control or system capability flag that must not say false */
  flag: string
  fields: FieldSpec[]
  /** why this document must not be written back whole on this device, or null */
  refuseWrite?: (doc: ResourceDoc) => string | null
}

/**
 * A listening slot with a login: the device never returns its password, so writing the slot back whole
 * would erase it; such a slot is left to its owner.
 */
function slotWithLogin(doc: ResourceDoc): string | null {
  const method = doc.doc.httpAuthenticationMethod
  const text = typeof method === 'string' ? method.trim().toLowerCase() : 'none'
  return text === '' || text === 'none'
    ? null
    : 'This listening slot has a login whose password the device never returns; writing it back would erase it'
}

const CARD_READER = '/ISAPI/AccessControl/CardReaderCfg/1?format=json'
const CARD_READER_CAPS = '/ISAPI/AccessControl/CardReaderCfg/capabilities?format=json'

/**
 * The door, face-recognition and event sections, by the resources they read and write. Members and ranges
 * follow the captured documents the simulator serves (see tests/sim/terminal/handlers/settings.ts); a member
 * the model's document or capability document does not carry is not offered.
 */
export function sectionSpecs(name: FieldsSectionName, eventSlot: string): ResourceSpec[] {
  switch (name) {
    case 'door':
      return [
        {
          path: '/ISAPI/AccessControl/Door/param/1',
          capsPath: '/ISAPI/AccessControl/Door/param/1/capabilities',
          flag: 'isSupportDoorCfg',
          fields: [
            { key: 'openDuration', at: ['openDuration'], kind: 'int' },
            { key: 'magneticType', at: ['magneticType'], kind: 'enum' },
            { key: 'magneticAlarmTimeout', at: ['magneticAlarmTimeout'], kind: 'int' },
          ],
        },
        {
          path: CARD_READER,
          capsPath: CARD_READER_CAPS,
          flag: 'isSupportCardReaderCfg',
          fields: [{ key: 'defaultVerifyMode', at: ['defaultVerifyMode'], kind: 'enum' }],
        },
      ]
    case 'face':
      return [
        {
          path: CARD_READER,
          capsPath: CARD_READER_CAPS,
          flag: 'isSupportCardReaderCfg',
          fields: [
            { key: 'faceMatchThresholdN', at: ['faceMatchThresholdN'], kind: 'int' },
            { key: 'faceMatchThreshold1', at: ['faceMatchThreshold1'], kind: 'int' },
            { key: 'livingBodyDetect', at: ['livingBodyDetect'], kind: 'bool' },
            { key: 'liveDetLevelSet', at: ['liveDetLevelSet'], kind: 'enum' },
          ],
        },
      ]
    case 'events':
      return [
        {
          path: `/ISAPI/Event/notification/httpHosts/${eventSlot}`,
          capsPath: '/ISAPI/Event/notification/httpHosts/capabilities',
          flag: 'isSupportSubscribeEvent',
          refuseWrite: slotWithLogin,
          fields: [
            {
              key: 'eventTypes',
              at: ['SubscribeEvent'],
              capsAt: ['SubscribeEventCap', 'EventList', 'Event', 'type'],
              kind: 'set',
            },
          ],
        },
      ]
  }
}
