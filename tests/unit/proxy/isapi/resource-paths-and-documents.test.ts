import { describe, expect, it } from 'vitest'
import {
  checkResourcePath,
  parseResourceText,
  serializeResource,
  type ResourceDoc,
} from '../../../../proxy/isapi'

describe('settings resources: paths and documents', () => {
  it('accepts only /ISAPI/ paths of plain segments, with at most ?format=json', () => {
    for (const path of [
      '/ISAPI/AccessControl/Door/param/1',
      '/ISAPI/AccessControl/CardReaderCfg/1?format=json',
    ]) {
      expect(checkResourcePath(path)).toBe(path)
    }
    for (const path of [
      '/ISAPI/../System/time',
      '/ISAPI/System/./time',
      'http://10.0.0.9/ISAPI/System/time',
      '//10.0.0.9/ISAPI/System/time',
      '/ISAPI//System/time',
      '/LOCALS/pic/1.jpg',
      '/ISAPI/System/time?format=json&x=1',
      '/ISAPI/System/time#x',
      '/ISAPI/System/time@evil',
      '/ISAPI/System/time%2F..',
      '',
    ]) {
      expect(() => checkResourcePath(path), path).toThrow(
        expect.objectContaining({ code: 'validation_failed' }),
      )
    }
  })

  it('writes an XML document back with its root, namespace and every member it had', () => {
    const doc: ResourceDoc = {
      path: '/ISAPI/AccessControl/Door/param/1',
      format: 'xml',
      root: 'DoorParam',
      doc: { '@version': '2.0', '@xmlns': 'x', doorName: 'Door1', openDuration: '5', Nested: { a: '1' } },
    }
    const xml = serializeResource(doc)
    expect(xml).toContain('<DoorParam version="2.0" xmlns="http://www.isapi.org/ver20/XMLSchema">')
    expect(xml).toContain('<doorName>Door1</doorName><openDuration>5</openDuration><Nested><a>1</a></Nested>')
    expect(parseResourceText(doc, xml).doc).toMatchObject({ doorName: 'Door1', openDuration: '5' })
  })

  it('keeps a JSON document under its one key, and refuses an edit that changes format or root', () => {
    const doc: ResourceDoc = {
      path: '/ISAPI/AccessControl/CardReaderCfg/1?format=json',
      format: 'json',
      root: 'CardReaderCfg',
      doc: { faceMatchThresholdN: 87 },
    }
    expect(JSON.parse(serializeResource(doc))).toEqual({ CardReaderCfg: { faceMatchThresholdN: 87 } })
    expect(parseResourceText(doc, '{"CardReaderCfg":{"faceMatchThresholdN":90}}').doc).toEqual({
      faceMatchThresholdN: 90,
    })
    for (const text of ['{"Other":{}}', '<CardReaderCfg/>', '{"CardReaderCfg":', '', '<!DOCTYPE x><x/>']) {
      expect(() => parseResourceText(doc, text), text).toThrow(
        expect.objectContaining({ extra: { field: 'text' } }),
      )
    }
  })
})
