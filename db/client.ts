import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type Client } from '@libsql/client';
import Database from 'libsql';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { installStatementCache } from './statement-cache.ts';
import { createReadClient } from './read-client.ts';
import { createWriteLock } from './write-lock.ts';
import { createWalSync, type SyncFile } from './wal-sync.ts';
import { createWriteQueue, type WriteQueue } from './write-queue.ts';

declare const writeHandle: unique symbol;

/**
 * The read handle (`DatabaseHandle.db`): queries only. Queries are written with the query builder
 * over `tables`; drizzle is not given the schema, since the relational `db.query` API is not used
 * and it was built again for every transaction and savepoint (bench/README.md).
 */
export type Database = Pick<LibSQLDatabase, 'select' | 'selectDistinct' | '$count' | 'all' | 'get' | 'values' | '$with' | 'with'>;
/**
 * The handle a write gets (`DatabaseHandle.write`): its statements run in the write's transaction.
 * A type of its own, so the read handle cannot be passed where a write is expected; it can read
 * too, and sees the write's own changes, so functions that only read take `Database` and accept either.
 */
export type Transaction = LibSQLDatabase & { readonly [writeHandle]: true };

export type DatabaseHandle = {
  /** Reads, on a connection of their own where the database allows it (db/read-client.ts). */
  db: Database;
  /** Where the data lives: an embedded file, memory, or a libSQL server. */
  kind: 'file' | 'memory' | 'remote';
  /** Runs a write in the next group-committed transaction (inside its own savepoint). */
  write: WriteQueue;
  /**
   * Runs `work` alone, between batches, with the write connection itself: migrations, repairs and
   * tests that tamper with stored rows. Services never use it.
   */
  exclusive<T>(work: (connection: { client: Client; db: LibSQLDatabase }) => Promise<T>): Promise<T>;
  /**
   * A value that changes whenever anything (this process or another) commits to the database, for
   * caches of derived data; null when it cannot be known cheaply (memory and remote databases).
   */
  dataVersion(): string | null;
  /**
   * Resolves once everything committed before the call is on disk (a WAL sync that began after
   * it), so feeds can serve only durable entries; at once where the database makes its own commits
   * durable (memory: nothing to wait for; a server: before it answers).
   */
  durable(): Promise<void>;
  close(): void;
};

export type DatabaseOptions = {
  url: string;
  authToken?: string | undefined;
  /** How long a write waits for another process's lock on a file database. */
  busyTimeoutMs?: number;
  /** Replaces the real flush of the WAL (db/wal-sync.ts): tests of what waits for durability. */
  syncFile?: SyncFile;
};

/**
 * Opens the database named by a libSQL URL: `file:path` (created with its folder if missing),
 * `:memory:`, or `http(s)://` / `libsql://` / `ws(s)://` for a libSQL server.
 */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  const kind = databaseKind(options.url);
  if (kind !== 'remote') installStatementCache();
  if (kind === 'file') mkdirSync(dirname(filePathOf(options.url)), { recursive: true });
  const connect = () =>
    createClient({
      url: options.url,
      authToken: options.authToken,
      timeout: options.busyTimeoutMs ?? 5_000,
      // One connection per client for an embedded database: per-connection settings (foreign keys,
      // journal, read-only) then hold for every statement, and SQLite's calls are synchronous anyway.
      concurrency: kind === 'remote' ? undefined : 1,
    });
  const client = connect();
  if (kind === 'file') {
    // WAL lets readers go on while one writer writes; the busy timeout above covers other processes.
    await client.execute('PRAGMA journal_mode = WAL');
    // COMMIT writes the WAL without waiting for the disk; writes wait for walSync instead (db/wal-sync.ts).
    await client.execute('PRAGMA synchronous = NORMAL');
  }
  if (kind !== 'remote') await client.execute('PRAGMA foreign_keys = ON');
  const writeLock = createWriteLock();
  // Reads: a read-only connection of their own on a file; memory has one connection, so its reads
  // take turns with the writes; a server gives every request its own stream.
  const reader = kind === 'file' ? connect() : client;
  if (kind === 'file') await reader.execute('PRAGMA query_only = ON');
  const db = drizzle(createReadClient(reader, kind === 'memory' ? { serialiseWith: writeLock } : {}));
  const maintenance = { client, db: drizzle(client) };
  let commits = 0;
  const probe = kind === 'file' ? openVersionProbe(filePathOf(options.url), () => commits) : null;
  const walSync = kind === 'file' ? createWalSync(`${filePathOf(options.url)}-wal`, options.syncFile) : null;
  return {
    db,
    kind,
    write: createWriteQueue(client, writeLock, {
      onCommit: () => (commits += 1),
      refuseYields: kind !== 'remote',
      ...(walSync ? { makeDurable: walSync.sync } : {}),
    }),
    exclusive: (work) => writeLock(() => work(maintenance)),
    dataVersion: probe ? probe.read : () => null,
    durable: walSync ? walSync.sync : () => Promise.resolve(),
    close: () => {
      walSync?.close();
      if (reader !== client) reader.close();
      client.close();
      // Last, on the probe's own connection: the data moves from the WAL into the database file, so
      // a stopped hub leaves one self-contained file. (Closing does not checkpoint here: libSQL
      // leaves the client's connection open while its prepared statements are not yet collected.)
      probe?.checkpointAndClose();
    },
  };
}

export function databaseKind(url: string): DatabaseHandle['kind'] {
  if (url === ':memory:' || url === 'file::memory:') return 'memory';
  if (url.startsWith('file:')) return 'file';
  if (/^(https?|libsql|wss?):\/\//.test(url)) return 'remote';
  throw new Error(
    `DATABASE_URL "${url}" is not a libSQL URL: expected file:PATH, :memory:, http(s)://, libsql:// or ws(s)://`,
  );
}

function filePathOf(fileUrl: string): string {
  return fileUrl.startsWith('file://') ? fileURLToPath(fileUrl) : fileUrl.slice('file:'.length).split('?')[0]!;
}

/**
 * SQLite's `PRAGMA data_version` on a connection of its own: it changes when any other connection
 * commits, this process's pool and other processes alike, and costs a couple of microseconds.
 */
function openVersionProbe(path: string, localCommits: () => number): { read: () => string; checkpointAndClose: () => void } {
  const connection = new Database(path);
  const statement = connection.prepare('PRAGMA data_version').raw(true);
  // Requests read in the same turn of the event loop share one probe: under load that is most of
  // them. This process's own commits are counted separately, so they show at once.
  let memo: string | null = null;
  return {
    read: () => {
      if (memo === null) {
        memo = String((statement.get() as unknown[])[0]);
        setImmediate(() => (memo = null));
      }
      return `${localCommits()}:${memo}`;
    },
    checkpointAndClose: () => {
      try {
        connection.exec('PRAGMA wal_checkpoint(TRUNCATE)');
      } catch {
        // Another process is writing: its own close checkpoints, and SQLite replays the WAL anyway.
      }
      connection.close();
    },
  };
}
