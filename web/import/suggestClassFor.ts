import { classKey } from './classLabel'

/** A first guess of the label → class id mapping: a label maps to the one class whose name reads the same
 *  ("5-A", "5A", "5 a" all match class "5-A"); a label matching no class, or several, is left out. */
export function suggestClassFor(
  labels: string[],
  classes: { id: string; name: string }[],
): Record<string, string> {
  const byKey = new Map<string, string[]>()
  for (const item of classes) {
    const key = classKey(item.name)
    byKey.set(key, [...(byKey.get(key) ?? []), item.id])
  }
  const mapping: Record<string, string> = {}
  for (const label of labels) {
    const ids = byKey.get(classKey(label))
    if (ids?.length === 1) mapping[label] = ids[0] as string
  }
  return mapping
}
