import { isUtf8 } from 'node:buffer';
import type { Client } from '@libsql/client';

export const REPAIR_NAME = 'repair-malformed-text-v1';
const PAGE = 5_000;

export type TextRepair = { table: string; column: string; rowid: number };

/**
 * Finds stored text that is not UTF-8 or holds NUL, and rewrites it with U+FFFD in its place.
 * Before the text guard (db/text-guard.ts), a lone surrogate sent in a batch statement was stored
 * as bytes that are not UTF-8; libSQL aborts the process when it reads such a value as text, so
 * one row kept a hub (and its site build, which reads it too) down for good. Values are read as
 * blobs here, which libSQL never decodes, a page of rows at a time. Returns what it rewrote.
 */
export async function repairMalformedText(client: Client): Promise<TextRepair[]> {
  const repaired: TextRepair[] = [];
  const tables = await client.execute(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' AND sql NOT LIKE '%WITHOUT ROWID%'",
  );
  for (const { name: table } of tables.rows as unknown as { name: string }[]) {
    const columns = await client.execute(`SELECT name FROM pragma_table_info('${table.replaceAll("'", "''")}')`);
    for (const { name: column } of columns.rows as unknown as { name: string }[]) {
      const quoted = `"${column.replaceAll('"', '""')}"`;
      let after = -Infinity;
      for (;;) {
        const page = await client.execute({
          sql: `SELECT rowid AS id, CAST(${quoted} AS BLOB) AS bytes FROM "${table}" WHERE typeof(${quoted}) = 'text' AND rowid > ? ORDER BY rowid LIMIT ${PAGE}`,
          args: [after === -Infinity ? Number.MIN_SAFE_INTEGER : after],
        });
        for (const row of page.rows as unknown as { id: number; bytes: ArrayBuffer }[]) {
          const bytes = Buffer.from(row.bytes);
          if (isUtf8(bytes) && !bytes.includes(0)) continue;
          const text = bytes.toString('utf8').replaceAll('\u0000', '\ufffd');
          await client.execute({ sql: `UPDATE "${table}" SET ${quoted} = ? WHERE rowid = ?`, args: [text, row.id] });
          repaired.push({ table, column, rowid: Number(row.id) });
        }
        if (page.rows.length < PAGE) break;
        after = Number((page.rows.at(-1) as unknown as { id: number }).id);
      }
    }
  }
  return repaired;
}
