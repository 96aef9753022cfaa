import type { ParsedImport } from '../import'

/** A sheet name (or a CSV class label) and how many rows carry it. */
export interface ImportLabel {
  label: string
  rows: number
}

/** Every class label of the file once, in the order the file has them. */
export function labelsOf(parsed: ParsedImport): ImportLabel[] {
  const counts = new Map<string, number>()
  for (const row of parsed.rows) counts.set(row.classLabel, (counts.get(row.classLabel) ?? 0) + 1)
  return [...counts].map(([label, rows]) => ({ label, rows }))
}

/**
 * The mapping to show first: what the person picked before for a label (going back from the preview) wins
 * over the guess; a class that no longer exists is forgotten.
 */
export function initialMapping(
  labels: readonly string[],
  classes: readonly { id: string }[],
  suggested: Record<string, string>,
  previous: Record<string, string> = {},
): Record<string, string> {
  const known = new Set(classes.map((item) => item.id))
  const mapping: Record<string, string> = {}
  for (const label of labels) {
    const id = previous[label] ?? suggested[label]
    if (id && known.has(id)) mapping[label] = id
  }
  return mapping
}

/** The grade a class label starts with ("5-A" → 5), for a class created from it; null when none fits. */
export function gradeOf(label: string): number | null {
  const match = /^\s*(\d{1,2})/.exec(label)
  if (!match) return null
  const grade = Number(match[1])
  return grade <= 12 ? grade : null
}
