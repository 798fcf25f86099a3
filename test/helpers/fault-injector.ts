/** Which requests a fault hits: all of them unless narrowed by method and path. */
export type RequestMatch = { method?: string; path?: RegExp | string };

type Armed<F> = { fault: F; left: number; until: number };

export type FaultInjector<F extends { match?: RequestMatch }> = {
  /** The next `count` matching requests fail with `fault`. */
  failNext(count: number, fault: F): void;
  /** Matching requests fail for `ms` milliseconds (Infinity: until `recover()`). */
  failFor(ms: number, fault: F): void;
  /** Drops every fault still armed. */
  recover(): void;
  /** The fault this request meets, if any, using up one of a `failNext` count. */
  take(method: string, path: string): F | undefined;
};

/** Faults armed by a test against a fake server, consumed by the requests they match, in the order they were armed. */
export function createFaultInjector<F extends { match?: RequestMatch }>(): FaultInjector<F> {
  let armed: Armed<F>[] = [];
  return {
    failNext: (count, fault) => void armed.push({ fault, left: count, until: Infinity }),
    failFor: (ms, fault) => void armed.push({ fault, left: Infinity, until: Date.now() + ms }),
    recover: () => void (armed = []),
    take(method, path) {
      armed = armed.filter((entry) => entry.left > 0 && entry.until > Date.now());
      const entry = armed.find(({ fault }) => matches(fault.match, method, path));
      if (!entry) return undefined;
      entry.left--;
      return entry.fault;
    },
  };
}

function matches(match: RequestMatch | undefined, method: string, path: string): boolean {
  if (!match) return true;
  if (match.method && match.method.toUpperCase() !== method) return false;
  if (match.path === undefined) return true;
  return typeof match.path === 'string' ? match.path === path : match.path.test(path);
}
