import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import * as schema from './schema/index.ts';
import { createWriteLock, type WriteLock } from './write-lock.ts';
import { createWriteQueue, type WriteQueue } from './write-queue.ts';

export type Database = LibSQLDatabase<typeof schema>;
/** A transaction handle inside `db.transaction(...)`. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

export type DatabaseHandle = {
  db: Database;
  client: Client;
  /** Where the data lives: an embedded file, memory, or a libSQL server. */
  kind: 'file' | 'memory' | 'remote';
  /** Serialises this process's write transactions (SQLite allows one writer at a time). */
  writeLock: WriteLock;
  /** Runs a write in the next group-committed transaction (inside its own savepoint). */
  write: WriteQueue;
  close(): void;
};

export type DatabaseOptions = {
  url: string;
  authToken?: string | undefined;
  /** How long a write waits for another process's lock on a file database. */
  busyTimeoutMs?: number;
};

/**
 * Opens the database named by a libSQL URL: `file:path` (created with its folder if missing),
 * `:memory:`, or `http(s)://` / `libsql://` / `ws(s)://` for a libSQL server.
 */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  const kind = databaseKind(options.url);
  if (kind === 'file') ensureFolderOf(options.url);
  const client = createClient({
    url: options.url,
    authToken: options.authToken,
    timeout: options.busyTimeoutMs ?? 5_000,
  });
  if (kind === 'file') {
    // WAL lets readers go on while one writer writes; the busy timeout above covers other processes.
    await client.execute('PRAGMA journal_mode = WAL');
  }
  if (kind !== 'remote') await client.execute('PRAGMA foreign_keys = ON');
  const db = drizzle(client, { schema });
  const writeLock = createWriteLock();
  return { db, client, kind, writeLock, write: createWriteQueue(db, writeLock), close: () => client.close() };
}

export function databaseKind(url: string): DatabaseHandle['kind'] {
  if (url === ':memory:' || url === 'file::memory:') return 'memory';
  if (url.startsWith('file:')) return 'file';
  if (/^(https?|libsql|wss?):\/\//.test(url)) return 'remote';
  throw new Error(
    `DATABASE_URL "${url}" is not a libSQL URL: expected file:PATH, :memory:, http(s)://, libsql:// or ws(s)://`,
  );
}

function ensureFolderOf(fileUrl: string): void {
  const path = fileUrl.startsWith('file://') ? fileURLToPath(fileUrl) : fileUrl.slice('file:'.length).split('?')[0]!;
  mkdirSync(dirname(path), { recursive: true });
}
