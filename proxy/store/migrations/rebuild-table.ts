import type Database from 'better-sqlite3'

/** One change to a table's stored CREATE statement: `from` must stand in it exactly once. */
export type TableEdit = readonly [from: string, to: string]

/**
 * Rebuilds a table with an edited definition: SQLite's ALTER TABLE cannot change a CHECK or put a column
 * anywhere but last, so its documented way is a new table, the rows copied, the old one dropped and the new
 * one renamed. The new definition is the stored one with `edits` applied, so a migration names only what it
 * changes; the rows are copied by column name and every index on the table is made again from its own
 * stored statement (an index left out of a hand-written rebuild is silently lost).
 */
export function rebuildTable(db: Database.Database, table: string, edits: readonly TableEdit[]): void {
  const stored = db
    .prepare<[string], string>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?")
    .pluck()
    .get(table)
  if (stored === undefined) throw new Error(`rebuildTable: no table ${table}`)
  const indexes = db
    .prepare<[string], string>(
      "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
    )
    .pluck()
    .all(table)
  const columns = (db.pragma(`table_info(${table})`) as { name: string }[])
    .map((column) => column.name)
    .join(', ')
  const rebuilt = `${table}_rebuilt`

  db.exec(edited(stored, edits).replace(/^CREATE TABLE "?\w+"?/, `CREATE TABLE ${rebuilt}`))
  db.exec(`
    INSERT INTO ${rebuilt} (${columns}) SELECT ${columns} FROM ${table};
    DROP TABLE ${table};
    ALTER TABLE ${rebuilt} RENAME TO ${table};
  `)
  for (const index of indexes) db.exec(index)
}

function edited(definition: string, edits: readonly TableEdit[]): string {
  return edits.reduce((sql, [from, to]) => {
    if (sql.split(from).length !== 2)
      throw new Error(`rebuildTable: "${from}" does not stand once in ${definition}`)
    return sql.replace(from, to)
  }, definition)
}
