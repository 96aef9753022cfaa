import { describe, expect, it } from 'vitest'
import { quantizeToUint8 } from '../../../../vite.face-models'

function halfBits(value: number): number {
  // exact for the values used here (0.5, -2, 1.25)
  const view = new DataView(new ArrayBuffer(4))
  view.setFloat32(0, value)
  const bits = view.getUint32(0)
  const sign = (bits >>> 16) & 0x8000
  const exponent = ((bits >>> 23) & 0xff) - 127 + 15
  return sign | (exponent << 10) | ((bits >>> 13) & 0x3ff)
}

describe('the detector weights stored as 8 bits for the precache', () => {
  it('keeps float32 and float16 weights within half a step, and int32 weights as they are', () => {
    const floats = [-1, 0, 0.25, 3]
    const halves = [0.5, -2, 1.25]
    const ints = [7, -9]
    const bin = Buffer.alloc(floats.length * 4 + halves.length * 2 + ints.length * 4)
    let at = 0
    for (const value of floats) at = bin.writeFloatLE(value, at)
    for (const value of halves) at = bin.writeUInt16LE(halfBits(value), at)
    for (const value of ints) at = bin.writeInt32LE(value, at)
    const json = Buffer.from(
      JSON.stringify({
        weightsManifest: [
          {
            paths: ['m.bin'],
            weights: [
              { name: 'a', shape: [2, 2], dtype: 'float32' },
              { name: 'b', shape: [3], dtype: 'float32', quantization: { dtype: 'float16' } },
              { name: 'c', shape: [2], dtype: 'int32' },
            ],
          },
        ],
      }),
    )

    const out = quantizeToUint8(json, bin)
    const weights = (
      JSON.parse(out.json.toString()) as {
        weightsManifest: { weights: { quantization?: { dtype: string; min: number; scale: number } }[] }[]
      }
    ).weightsManifest[0]!.weights
    expect(out.bin.length).toBe(4 + 3 + 8)
    const decode = (index: number, start: number, count: number) => {
      const q = weights[index]!.quantization!
      expect(q.dtype).toBe('uint8')
      return [...out.bin.subarray(start, start + count)].map((byte) => byte * q.scale + q.min)
    }
    decode(0, 0, 4).forEach((value, i) =>
      expect(Math.abs(value - floats[i]!)).toBeLessThanOrEqual(4 / 255 / 2 + 1e-6),
    )
    decode(1, 4, 3).forEach((value, i) =>
      expect(Math.abs(value - halves[i]!)).toBeLessThanOrEqual(3.25 / 255 / 2 + 1e-6),
    )
    expect(weights[2]!.quantization).toBeUndefined()
    expect([out.bin.readInt32LE(7), out.bin.readInt32LE(11)]).toEqual(ints)
  })
})
