/** The pixels of a picture as the canvas gives them (ImageData without the DOM type, so tests can build one). */
export interface Pixels {
  data: Uint8ClampedArray
  width: number
  height: number
}

export interface PixelRect {
  x: number
  y: number
  width: number
  height: number
}

/** A region in grey levels, scaled to a fixed width so the measures below do not depend on resolution. */
export interface GreyRegion {
  values: Float32Array
  width: number
  height: number
}

/**
 * The region's luma (BT.601), area-averaged down to `targetWidth` columns (never up). Averaging, not
 * picking, so a big photo's sensor noise does not read as sharpness.
 */
export function greyRegion(pixels: Pixels, rect: PixelRect, targetWidth = 128): GreyRegion {
  const x0 = Math.max(0, Math.floor(rect.x))
  const y0 = Math.max(0, Math.floor(rect.y))
  const x1 = Math.min(pixels.width, Math.ceil(rect.x + rect.width))
  const y1 = Math.min(pixels.height, Math.ceil(rect.y + rect.height))
  const sourceWidth = Math.max(1, x1 - x0)
  const sourceHeight = Math.max(1, y1 - y0)
  const step = Math.max(1, sourceWidth / targetWidth)
  const width = Math.max(1, Math.floor(sourceWidth / step))
  const height = Math.max(1, Math.floor(sourceHeight / step))
  const values = new Float32Array(width * height)
  for (let gy = 0; gy < height; gy++) {
    const sy0 = y0 + Math.floor(gy * step)
    const sy1 = Math.min(y1, Math.max(sy0 + 1, y0 + Math.floor((gy + 1) * step)))
    for (let gx = 0; gx < width; gx++) {
      const sx0 = x0 + Math.floor(gx * step)
      const sx1 = Math.min(x1, Math.max(sx0 + 1, x0 + Math.floor((gx + 1) * step)))
      let sum = 0
      let count = 0
      for (let sy = sy0; sy < sy1; sy++) {
        let i = (sy * pixels.width + sx0) * 4
        for (let sx = sx0; sx < sx1; sx++, i += 4) {
          sum +=
            0.299 * (pixels.data[i] ?? 0) +
            0.587 * (pixels.data[i + 1] ?? 0) +
            0.114 * (pixels.data[i + 2] ?? 0)
          count++
        }
      }
      values[gy * width + gx] = count > 0 ? sum / count : 0
    }
  }
  return { values, width, height }
}

/** Mean grey level (0–255) and the share of pixels at 250 or more (burnt out). */
export function exposure(region: GreyRegion): { brightness: number; clipped: number } {
  let sum = 0
  let clipped = 0
  for (const value of region.values) {
    sum += value
    if (value >= 250) clipped++
  }
  const n = Math.max(1, region.values.length)
  return { brightness: sum / n, clipped: clipped / n }
}

/**
 * Variance of the Laplacian (4-neighbour): edges give large values, a blurred or out-of-focus face small ones.
 * Written here because it is a dozen lines and no browser library computes it without OpenCV's 8 MB.
 */
export function laplacianVariance(region: GreyRegion): number {
  const { values, width, height } = region
  if (width < 3 || height < 3) return 0
  let sum = 0
  let sumSquares = 0
  let n = 0
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x
      const laplacian =
        (values[i - 1] ?? 0) +
        (values[i + 1] ?? 0) +
        (values[i - width] ?? 0) +
        (values[i + width] ?? 0) -
        4 * (values[i] ?? 0)
      sum += laplacian
      sumSquares += laplacian * laplacian
      n++
    }
  }
  const mean = sum / n
  return sumSquares / n - mean * mean
}
