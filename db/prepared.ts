
/**
 * A query prepared once per database handle, for the hot paths (a ballot, a training report).
 * drizzle builds a query's SQL text from its parts on every call, which under load cost more than
 * SQLite running it; a prepared query keeps the text and only binds the values given to it, named
 * by `sql.placeholder(...)` in `build`.
 *
 * The handle a write gets is one object for the life of the database (db/write-queue.ts), so a
 * query prepared on it serves every later write; reads prepare on `DatabaseHandle.db` the same way.
 * `build` names the handle it needs: `Transaction` for a statement that writes, `Database` for a query.
 */
export function prepared<Handle extends object, P>(build: (db: Handle) => { prepare(): P }): (db: Handle) => P {
  const byHandle = new WeakMap<Handle, P>();
  return (db) => {
    let query = byHandle.get(db);
    if (query === undefined) byHandle.set(db, (query = build(db).prepare()));
    return query;
  };
}
