/**
 * The event store's tables, and bringing an existing data dir up to them. Each migration runs in
 * one transaction with the version bump, so a crash midway leaves the old layout for the next
 * opening to migrate again; a data dir written by a newer sandbox is refused.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { decodeRowText } from './store-codec';
import { BIGINT } from '@duckdb/node-api';
import {
  CATALOG_TABLES,
  appendColumns,
  columnName,
  loadCatalog,
  persistChanges,
  sqlType,
} from './store-columns';
import type { ColumnCatalog } from './store-columns';
import { ROLLUP_TABLE, rebuildRollup } from './store-rollup';

/**
 * 2: `fields_length` (stored size as scans report it) lets a pushed-down sort report its stats.
 * 3: typed columns per field and value type (store-columns.ts), per-minute totals
 *    (store-rollup.ts); no primary key on `seq` (the one writer numbers rows; the index only
 *    slowed appends).
 * 4: no `event_id` column: nothing read it (a filter on `event.id` reads its typed column), and
 *    every append paid for it; the rollup has no key (rows are inserted, store-rollup.ts), so it is
 *    built anew.
 * 5: `fields` holds only what no typed column does (store-rows.ts); rows written before keep their
 *    whole text, which reads the same, so nothing is rewritten. The bump keeps older sandboxes,
 *    which would read the residue as the whole row, out.
 */
export const SCHEMA_VERSION = 5;

const EVENTS_TABLE = (name: string): string => `
  CREATE TABLE IF NOT EXISTS ${name} (
    seq           BIGINT NOT NULL,
    ts_ns         BIGINT NOT NULL,
    ingest_ns     BIGINT NOT NULL,
    fields        VARCHAR NOT NULL,
    fields_length INTEGER NOT NULL
  );`;

const META = `CREATE TABLE IF NOT EXISTS sandbox_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);`;

/**
 * `fields_length` is the stored text's length in UTF-16 code units (JS `length`, what a scan adds
 * to scannedBytes). DuckDB's `length` counts code points, so add one per supplementary character.
 */
const FIELDS_LENGTH_SQL = `length(fields) + length(regexp_replace(fields, '[^\\x{10000}-\\x{10FFFF}]', '', 'g'))`;

/** Brings the data dir to the current layout and returns its column catalogue. */
export async function ensureSchema(conn: DuckDBConnection, dataDir: string): Promise<ColumnCatalog> {
  await conn.run(META);
  const stored = await conn.runAndReadAll(`SELECT value FROM sandbox_meta WHERE key = 'schemaVersion'`);
  const existing = await tableExists(conn, 'bizevents');
  const version = existing ? Number(stored.getRows()[0]?.[0] ?? 1) : SCHEMA_VERSION;
  if (!(version <= SCHEMA_VERSION))
    throw new Error(
      `The data dir ${dataDir} was written by a newer sandbox (schema ${String(version)}); update Bizlens.`,
    );
  await conn.run('BEGIN TRANSACTION');
  try {
    if (version < 3) await migrateToTypedColumns(conn);
    else if (version === 3) {
      await conn.run('ALTER TABLE bizevents DROP COLUMN event_id');
      await conn.run(
        `DROP TABLE IF EXISTS bizevents_minutes; DELETE FROM sandbox_meta WHERE key = 'minutesRollup'`,
      );
    } else await conn.run(EVENTS_TABLE('bizevents') + CATALOG_TABLES);
    await ensureRollup(conn);
    await setVersion(conn);
    await conn.run('COMMIT');
  } catch (err) {
    await conn.run('ROLLBACK').catch(() => undefined);
    throw err;
  }
  return loadCatalog(conn);
}

/** The per-minute rollup (store-rollup.ts), built from the events where it is new. */
async function ensureRollup(conn: DuckDBConnection): Promise<void> {
  const built = await conn.runAndReadAll(`SELECT 1 FROM sandbox_meta WHERE key = 'minutesRollup'`);
  if (built.getRows().length > 0) return;
  await conn.run(ROLLUP_TABLE);
  await rebuildRollup(conn);
  await conn.run(`INSERT INTO sandbox_meta VALUES ('minutesRollup', '1')`);
}

async function setVersion(conn: DuckDBConnection): Promise<void> {
  await conn.run(
    `INSERT INTO sandbox_meta VALUES ('schemaVersion', '${SCHEMA_VERSION}')
     ON CONFLICT DO UPDATE SET value = excluded.value`,
  );
}

async function tableExists(conn: DuckDBConnection, name: string): Promise<boolean> {
  const r = await conn.runAndReadAll(
    `SELECT 1 FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = $1`,
    [name],
  );
  return r.getRows().length > 0;
}

/**
 * Schema 1/2 → 4: the rows move to a table without the seq index (schema 1 lacks fields_length:
 * computed on the way), then every stored text is decoded once to fill the typed columns.
 */
async function migrateToTypedColumns(conn: DuckDBConnection): Promise<void> {
  const hasLength = await conn.runAndReadAll(
    `SELECT 1 FROM duckdb_columns()
     WHERE schema_name = 'main' AND table_name = 'bizevents' AND column_name = 'fields_length'`,
  );
  const length =
    hasLength.getRows().length > 0 ? `coalesce(fields_length, ${FIELDS_LENGTH_SQL})` : FIELDS_LENGTH_SQL;
  await conn.run('DROP TABLE IF EXISTS bizevents_v3');
  await conn.run(EVENTS_TABLE('bizevents_v3'));
  await conn.run(`INSERT INTO bizevents_v3 SELECT seq, ts_ns, ingest_ns, fields, ${length} FROM bizevents`);
  await conn.run('DROP TABLE bizevents');
  await conn.run('ALTER TABLE bizevents_v3 RENAME TO bizevents');
  await conn.run(CATALOG_TABLES);
  const catalog = await loadCatalog(conn);
  const stored = await conn.runAndReadAll('SELECT seq, fields FROM bizevents ORDER BY seq');
  const seqs = stored.getRows().map(([seq]) => BigInt(String(seq)));
  const rows = stored.getRows().map(([, text]) => decodeRowText(String(text)));
  if (rows.length === 0) return;
  const changes = catalog.changesFor(rows);
  await persistChanges(conn, changes);
  catalog.apply(changes);
  if (catalog.columns.length === 0) return;
  const { types, values } = catalog.shred(rows);
  const names = catalog.columns.map((c) => columnName(c.ord));
  const decl = catalog.columns.map((c) => `${columnName(c.ord)} ${sqlType(c.type)}`);
  await conn.run(`CREATE TABLE bizevents_shredded (seq BIGINT, ${decl.join(', ')})`);
  const appender = await conn.createAppender('bizevents_shredded');
  appendColumns(appender, [BIGINT, ...types], [seqs, ...values]);
  appender.closeSync();
  await conn.run(
    `UPDATE bizevents SET ${names.map((n) => `${n} = shredded.${n}`).join(', ')}
     FROM bizevents_shredded AS shredded WHERE bizevents.seq = shredded.seq`,
  );
  await conn.run('DROP TABLE bizevents_shredded');
}
