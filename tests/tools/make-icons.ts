// Draws the app icon once and writes the files the web manifest and index.html point at.
// Run: node --import tsx tests/tools/make-icons.ts  (the outputs are committed; run again only to redraw)
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'

const BRAND = '#0f5c4c'
const OUT = join(import.meta.dirname, '..', '..', 'public', 'icons')

/** A face in a camera viewfinder: "we photograph a face and put it on the terminals". */
function glyph(scale: number): string {
  const s = (n: number) => (256 + (n - 256) * scale).toFixed(1)
  const w = (28 * scale).toFixed(1)
  const corner = (x: number, y: number, dx: number, dy: number) =>
    `M${s(x)} ${s(y + dy * 64)}V${s(y)}H${s(x + dx * 64)}`
  return `
  <g fill="none" stroke="#fff" stroke-width="${w}" stroke-linecap="round" stroke-linejoin="round">
    <path d="${corner(120, 120, 1, 1)}"/>
    <path d="${corner(392, 120, -1, 1)}"/>
    <path d="${corner(120, 392, 1, -1)}"/>
    <path d="${corner(392, 392, -1, -1)}"/>
  </g>
  <circle cx="${s(256)}" cy="${s(210)}" r="${(58 * scale).toFixed(1)}" fill="#fff"/>
  <path d="M${s(160)} ${s(372)}C${s(160)} ${s(322)} ${s(203)} ${s(290)} ${s(256)} ${s(290)}S${s(352)} ${s(322)} ${s(352)} ${s(372)}Z" fill="#fff"/>`
}

function icon(options: { maskable: boolean }): string {
  // maskable icons are cropped to a circle of 80% diameter by some launchers: keep the glyph inside it
  const background = options.maskable
    ? `<rect width="512" height="512" fill="${BRAND}"/>`
    : `<rect width="512" height="512" rx="112" fill="${BRAND}"/>`
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">${background}${glyph(options.maskable ? 0.78 : 1)}
</svg>
`
}

async function png(svg: string, size: number, name: string): Promise<void> {
  const data = await sharp(Buffer.from(svg))
    .resize(size, size)
    .png({ compressionLevel: 9, palette: true })
    .toBuffer()
  await writeFile(join(OUT, name), data)
}

await mkdir(OUT, { recursive: true })
const plain = icon({ maskable: false })
const maskable = icon({ maskable: true })
await writeFile(join(OUT, 'icon.svg'), plain)
await png(plain, 192, 'icon-192.png')
await png(plain, 512, 'icon-512.png')
await png(maskable, 512, 'icon-maskable-512.png')
await png(maskable, 180, 'apple-touch-icon-180.png')
console.log(`icons written to ${OUT}`)
