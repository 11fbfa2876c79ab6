/**
 * The event store's tables, and bringing an existing data dir up to them. Every step is
 * idempotent and the layout is checked rather than trusted, so a crash midway through a migration
 * is finished by the next opening; a data dir written by a newer sandbox is refused.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

/** 2: `fields_length` (stored size as scans report it) lets a pushed-down sort report its stats. */
export const SCHEMA_VERSION = 2;

const CREATE = `
  CREATE TABLE IF NOT EXISTS bizevents (
    seq           BIGINT PRIMARY KEY,
    ts_ns         BIGINT NOT NULL,
    ingest_ns     BIGINT NOT NULL,
    event_id      VARCHAR,
    fields        VARCHAR NOT NULL,
    fields_length INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS sandbox_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);
`;

/**
 * `fields_length` is the stored text's length in UTF-16 code units (JS `length`, what a scan adds
 * to scannedBytes). DuckDB's `length` counts code points, so add one per supplementary character.
 */
const FIELDS_LENGTH_SQL = `length(fields) + length(regexp_replace(fields, '[^\\x{10000}-\\x{10FFFF}]', '', 'g'))`;

export async function ensureSchema(conn: DuckDBConnection, dataDir: string): Promise<void> {
  await conn.run(CREATE);
  const stored = await conn.runAndReadAll(`SELECT value FROM sandbox_meta WHERE key = 'schemaVersion'`);
  const version = Number(stored.getRows()[0]?.[0] ?? SCHEMA_VERSION);
  if (!(version <= SCHEMA_VERSION))
    throw new Error(
      `The data dir ${dataDir} was written by a newer sandbox (schema ${String(version)}); update Bizlens.`,
    );
  await addFieldsLength(conn);
  await conn.run(
    `INSERT INTO sandbox_meta VALUES ('schemaVersion', '${SCHEMA_VERSION}')
     ON CONFLICT DO UPDATE SET value = excluded.value`,
  );
}

/** Schema 1 → 2. DuckDB refuses SET NOT NULL in the transaction that updated the rows: two steps. */
async function addFieldsLength(conn: DuckDBConnection): Promise<void> {
  const column = await conn.runAndReadAll(
    `SELECT is_nullable FROM duckdb_columns()
     WHERE schema_name = 'main' AND table_name = 'bizevents' AND column_name = 'fields_length'`,
  );
  const row = column.getRows()[0];
  if (row && row[0] === false) return; // current layout
  if (!row) await conn.run('ALTER TABLE bizevents ADD COLUMN fields_length INTEGER');
  await conn.run(`UPDATE bizevents SET fields_length = ${FIELDS_LENGTH_SQL} WHERE fields_length IS NULL`);
  await conn.run('ALTER TABLE bizevents ALTER COLUMN fields_length SET NOT NULL');
}
