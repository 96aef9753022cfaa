import sharp from 'sharp'

const SKIN = ['#f1c27d', '#e0ac69', '#c68642', '#8d5524', '#ffdbac', '#d4a373']
const HAIR = ['#2b1b0e', '#4a3020', '#0f0f0f', '#6b4423', '#3b2f2f']
const BACKDROP = ['#dfe7ef', '#e8e2d6', '#d9e4d9', '#ece0e6', '#e4e4e4']

/**
 * A small face-like portrait JPEG (240×320), different for every index: skin, hair, backdrop, eye spacing
 * and smile vary, and a soft grain keeps it above the terminals' 1 KB minimum. Deterministic.
 */
export async function faceJpeg(index: number): Promise<Buffer> {
  const pick = <T>(list: T[], salt: number) => list[(index * 7 + salt) % list.length] as T
  const eyeGap = 34 + (index % 5) * 4
  const smile = 8 + (index % 4) * 5
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="320">
    <rect width="240" height="320" fill="${pick(BACKDROP, 1)}"/>
    <rect x="40" y="250" width="160" height="90" rx="40" fill="#35506b"/>
    <ellipse cx="120" cy="150" rx="72" ry="92" fill="${pick(SKIN, 2)}"/>
    <path d="M48 130 Q120 ${20 + (index % 3) * 10} 192 130 L192 100 Q120 40 48 100 Z" fill="${pick(HAIR, 3)}"/>
    <circle cx="${120 - eyeGap}" cy="145" r="8" fill="#222"/>
    <circle cx="${120 + eyeGap}" cy="145" r="8" fill="#222"/>
    <path d="M120 150 L112 185 L128 185" fill="none" stroke="#7a4b2a" stroke-width="3"/>
    <path d="M95 205 Q120 ${205 + smile} 145 205" fill="none" stroke="#8c3b3b" stroke-width="5"/>
  </svg>`
  const grain = await sharp({
    create: {
      width: 240,
      height: 320,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 6 },
    },
  })
    .png()
    .toBuffer()
  return sharp(Buffer.from(svg))
    .composite([{ input: grain, blend: 'soft-light' }])
    .jpeg({ quality: 85 })
    .toBuffer()
}
