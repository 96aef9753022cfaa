import { describe, expect, it } from 'vitest'
import type { ResourceDoc } from '../../../../../proxy/isapi'
import {
  readField,
  sameValue,
  valueOf,
  writeField,
} from '../../../../../proxy/domain/device-settings/field-values'

const xml = (doc: Record<string, unknown>): ResourceDoc => ({
  path: '/ISAPI/x',
  format: 'xml',
  root: 'R',
  doc,
})
const json = (doc: Record<string, unknown>): ResourceDoc => ({
  path: '/ISAPI/x',
  format: 'json',
  root: 'R',
  doc,
})

describe('settings fields read from a document with its capability ranges', () => {
  it('reads numbers with the range, choices with the options, switches as booleans', () => {
    const doc = json({ faceMatchThresholdN: 87, livingBodyDetect: true, liveDetLevelSet: 'low' })
    const caps = json({
      faceMatchThresholdN: { '@min': 0, '@max': 100 },
      livingBodyDetect: 'true,false',
      liveDetLevelSet: { '@opt': 'low,middle,high' },
    })
    expect(
      readField({ key: 'faceMatchThresholdN', at: ['faceMatchThresholdN'], kind: 'int' }, doc, caps),
    ).toEqual({
      key: 'faceMatchThresholdN',
      kind: 'int',
      value: 87,
      min: 0,
      max: 100,
    })
    expect(
      readField({ key: 'livingBodyDetect', at: ['livingBodyDetect'], kind: 'bool' }, doc, caps)?.value,
    ).toBe(true)
    expect(
      readField({ key: 'liveDetLevelSet', at: ['liveDetLevelSet'], kind: 'enum' }, doc, caps)?.options,
    ).toEqual(['low', 'middle', 'high'])
  })

  it('leaves out a member the capability document does not list, or the document lacks', () => {
    const spec = { key: 'defaultVerifyMode', at: ['defaultVerifyMode'], kind: 'enum' as const }
    expect(readField(spec, json({ defaultVerifyMode: 'face' }), json({}))).toBeNull()
    expect(readField(spec, json({}), null)).toBeNull()
  })

  it('reads XML text as numbers and writes numbers back as XML text', () => {
    const spec = { key: 'openDuration', at: ['openDuration'], kind: 'int' as const }
    const doc = xml({ openDuration: '5', doorName: 'Door1' })
    expect(readField(spec, doc, xml({ openDuration: { '@min': '1', '@max': '255' } }))).toMatchObject({
      value: 5,
      min: 1,
      max: 255,
    })
    expect(writeField(spec, doc, 9).doc).toEqual({ openDuration: '9', doorName: 'Door1' })
    expect(writeField(spec, json({ openDuration: 5 }), 9).doc).toEqual({ openDuration: 9 })
  })

  it('reads an event subscription as all offered types in all mode, its list in list mode, and writes a list', () => {
    const spec = {
      key: 'eventTypes',
      at: ['SubscribeEvent'],
      capsAt: ['SubscribeEventCap', 'EventList', 'Event', 'type'],
      kind: 'set' as const,
    }
    const caps = xml({ SubscribeEventCap: { EventList: { Event: { type: { '@opt': 'A,B,C' } } } } })
    const all = xml({ id: '1', SubscribeEvent: { heartbeat: '30', eventMode: 'all' } })
    expect(readField(spec, all, caps)).toMatchObject({ value: ['A', 'B', 'C'], options: ['A', 'B', 'C'] })
    const written = writeField(spec, all, ['B'])
    expect(written.doc.SubscribeEvent).toEqual({
      heartbeat: '30',
      eventMode: 'list',
      EventList: { Event: [{ type: 'B' }] },
    })
    expect(valueOf(spec, written, ['A', 'B', 'C'])).toEqual(['B'])
    expect(readField(spec, all, xml({}))).toBeNull()
  })

  it('compares sets without order', () => {
    expect(sameValue(['A', 'B'], ['B', 'A'])).toBe(true)
    expect(sameValue(['A'], ['A', 'B'])).toBe(false)
    expect(sameValue(5, 5)).toBe(true)
  })
})
