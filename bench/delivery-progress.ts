import Database from 'libsql';

/** Where the hub's GitHub deliveries stand, read from its database file. */
export type DeliveryProgress = {
  stored: number;
  applied: number;
  failed: number;
  queued: number;
  /** When the hub stored the last one, just before answering it (its clock: the same machine's as this process). */
  lastReceivedAt: number | null;
  /** When the hub marked the last one applied. */
  lastAppliedAt: number | null;
  /** Requests in the hub (each filed `issues.opened` makes one). */
  requests: number;
  /** Messages for GitHub waiting in the outbox: with no GITHUB_TOKEN, all that was queued. */
  outboxForGitHub: number;
  /** Outcomes other than a filing, with how often each came, for a run that filed less than it sent. */
  otherOutcomes: Record<string, number>;
};

export type ProgressReader = {
  /** Deliveries done with (applied or set aside as failed): cheap, for polling. */
  countDone(): number;
  read(): DeliveryProgress;
  close(): void;
};

/**
 * A read-only connection of this process to the hub's database file. WAL lets it read beside the
 * hub's writer without waiting for it or slowing it down, and the hub needs no endpoint for this.
 */
export function openProgressReader(databaseUrl: string): ProgressReader {
  const database = new Database(databaseUrl.replace(/^file:/, ''), { readonly: true });
  // The queue index (state, seq) answers this without touching the payloads.
  const done = database.prepare("SELECT count(*) FROM github_deliveries WHERE state IN ('applied', 'failed')").raw();
  const states = database.prepare('SELECT state, count(*) AS count FROM github_deliveries GROUP BY state');
  const last = database.prepare("SELECT max(received_at), max(CASE state WHEN 'applied' THEN applied_at END) FROM github_deliveries").raw();
  const requests = database.prepare('SELECT count(*) FROM requests').raw();
  const outbox = database.prepare("SELECT count(*) FROM outbox WHERE channel = 'github' AND delivered_at IS NULL").raw();
  const outcomes = database.prepare("SELECT substr(coalesce(outcome, last_error, ''), 1, 80) AS outcome, count(*) AS count FROM github_deliveries WHERE state != 'queued' AND coalesce(outcome, '') NOT LIKE 'filed as %' GROUP BY 1");
  // libsql's statements ignore pluck() in get(), so single values are read as raw rows.
  const scalar = (statement: typeof done) => (statement.get() as unknown[])[0];
  return {
    countDone: () => Number(scalar(done)),
    read() {
      const byState = Object.fromEntries((states.all() as { state: string; count: number }[]).map((row) => [row.state, Number(row.count)]));
      const [received, applied] = last.get() as [string | null, string | null];
      return {
        stored: Object.values(byState).reduce((sum, count) => sum + count, 0),
        applied: byState.applied ?? 0,
        failed: byState.failed ?? 0,
        queued: byState.queued ?? 0,
        lastReceivedAt: received ? Date.parse(received) : null,
        lastAppliedAt: applied ? Date.parse(applied) : null,
        requests: Number(scalar(requests)),
        outboxForGitHub: Number(scalar(outbox)),
        otherOutcomes: Object.fromEntries((outcomes.all() as { outcome: string; count: number }[]).map((row) => [row.outcome, Number(row.count)])),
      };
    },
    close: () => database.close(),
  };
}
