import sharp, { type Sharp } from 'sharp'

const photos = new Map<number, Promise<Buffer>>()

/** A 12 MP landscape "phone photo": gradients, shapes and sensor noise, so the JPEG is big like a real one. */
export function phonePhoto(orientation = 1): Promise<Buffer> {
  let photo = photos.get(orientation)
  if (!photo) {
    photo = makePhonePhoto(orientation)
    photos.set(orientation, photo)
  }
  return photo
}

async function makePhonePhoto(orientation: number): Promise<Buffer> {
  const width = 4032
  const height = 3024
  // Drawn at a quarter of the size and scaled up: rendering 12 MP of SVG is slow and adds nothing.
  const scene = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width / 4}" height="${height / 4}">
      <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
        <stop offset="0" stop-color="#6a8caf"/><stop offset="1" stop-color="#e8d2b0"/></linearGradient></defs>
      <rect width="100%" height="100%" fill="url(#g)"/>
      <ellipse cx="504" cy="350" rx="175" ry="225" fill="#d9a27e"/>
      <circle cx="437" cy="300" r="22" fill="#332211"/><circle cx="570" cy="300" r="22" fill="#332211"/>
      <rect x="450" y="450" width="108" height="20" rx="10" fill="#8c3b3b"/>
    </svg>`,
  )
  const base = await sharp(scene).resize(width, height).png({ compressionLevel: 0 }).toBuffer()
  const grain = await sharp(sensorNoise(width, height), { raw: { width, height, channels: 1 } })
    .png({ compressionLevel: 0 })
    .toBuffer()
  const photo = sharp(base).composite([{ input: grain, blend: 'overlay' }])
  const jpeg = photo.jpeg({ quality: 92 })
  return (orientation === 1 ? jpeg : jpeg.withMetadata({ orientation })).toBuffer()
}

/** Fine grain around mid-grey from a fixed-seed generator, fast enough for 12 MP in a test. */
function sensorNoise(width: number, height: number): Buffer {
  const grain = Buffer.alloc(width * height)
  let seed = 0x2545f491
  for (let i = 0; i < grain.length; i++) {
    seed ^= seed << 13
    seed ^= seed >>> 17
    seed ^= seed << 5
    grain[i] = 128 + ((seed >>> 24) % 41) - 20
  }
  return grain
}

/** Pure noise without compression: the hardest picture to fit under a byte limit. */
export function noise(width: number, height: number, sigma = 60): Sharp {
  return sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma },
    },
  })
}

/** Left half red, right half blue: tells where a rotation put things. */
export async function halves(width: number, height: number): Promise<Sharp> {
  const half = await sharp({ create: { width: width / 2, height, channels: 3, background: '#0000ff' } })
    .png()
    .toBuffer()
  return sharp({ create: { width, height, channels: 3, background: '#ff0000' } }).composite([
    { input: half, left: width / 2, top: 0 },
  ])
}

export async function pixelAt(jpeg: Buffer, x: number, y: number): Promise<[number, number, number]> {
  const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true })
  const at = (y * info.width + x) * info.channels
  return [data[at] ?? -1, data[at + 1] ?? -1, data[at + 2] ?? -1]
}
