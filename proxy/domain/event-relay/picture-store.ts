import { randomUUID } from 'node:crypto'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { EventsRepo } from '../../store/events-repo'

/**
 * The captures that came with pushed events, one file each under `event-pictures/` in the data dir,
 * bounded in total: over the bound, the pictures of events already relayed go first (oldest first),
 * then those of waiting events. The rows keep the event either way.
 */
export class PictureStore {
  private readonly dir: string
  private total: number | null = null

  constructor(
    dataDir: string,
    private readonly repo: EventsRepo,
    readonly maxBytes: number,
  ) {
    this.dir = join(dataDir, 'event-pictures')
    mkdirSync(this.dir, { recursive: true })
  }

  /** Writes the file before the row that names it, so a crash leaves at most an orphan file, never a hole. */
  save(bytes: Buffer): string {
    const name = `${randomUUID()}.jpg`
    writeFileSync(join(this.dir, name), bytes)
    return name
  }

  read(name: string): Buffer | null {
    try {
      return readFileSync(join(this.dir, this.safe(name)))
    } catch {
      return null
    }
  }

  remove(name: string): void {
    rmSync(join(this.dir, this.safe(name)), { force: true })
  }

  /** Counts a stored picture; drops pictures while the total is over the bound. */
  added(bytes: number): void {
    this.total = (this.total ?? this.repo.pictureBytes()) + bytes
    if (this.total > this.maxBytes) this.enforce()
  }

  enforce(): void {
    let total = this.repo.pictureBytes()
    while (total > this.maxBytes) {
      const batch = this.repo.picturesToDrop(100)
      if (batch.length === 0) break
      for (const item of batch) {
        if (total <= this.maxBytes) break
        this.repo.forgetPicture(item.seq)
        this.remove(item.picture)
        total -= item.bytes
      }
    }
    this.total = total
  }

  private safe(name: string): string {
    if (!/^[0-9a-f-]{36}\.jpg$/.test(name)) throw new Error(`not a picture name: ${name}`)
    return name
  }
}
