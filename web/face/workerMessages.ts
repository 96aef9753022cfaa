import type { FaceVerdict } from './checks'

export type FaceCheckRequest =
  | { id: number; type: 'frame'; picture: ImageBitmap }
  | { id: number; type: 'photo'; blob: Blob; thumb?: boolean }

export type FaceCheckReply =
  | { type: 'ready'; backend: string; loadMs: number }
  | { type: 'unavailable'; message: string }
  | { type: 'verdict'; id: number; verdict: FaceVerdict; thumb?: Blob | null }
  | { type: 'failed'; id: number; message: string }
