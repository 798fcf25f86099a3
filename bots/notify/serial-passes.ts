/** A job that works in passes: one at a time, on a timer, asked for more by kicks. */
export type SerialPasses<T> = {
  /** Runs a pass now, or, while one runs, asks for another after it; resolves with the running pass. */
  run(): Promise<T>;
  kick(): void;
  /** True once `stop` was called: a pass checks it between items and returns early. */
  isStopped(): boolean;
  /** No more passes; resolves when the running one is done. */
  stop(): Promise<void>;
};

/**
 * Runs `pass` so that two never overlap: a call while one runs is remembered and makes one more
 * pass afterwards (a kick during a pass is never lost, a burst of kicks is one pass). A failed pass
 * is logged through `onError`, which gives its result, and the next one runs as usual. With
 * `pollMs` 0 there is no timer (the CLI drives it).
 */
export function serialPasses<T>(options: { pass: () => Promise<T>; onError: (error: unknown) => T; pollMs: number }): SerialPasses<T> {
  let running: Promise<T> | null = null;
  let again = false;
  let stopped = false;

  function run(): Promise<T> {
    if (running) {
      again = true;
      return running;
    }
    running = options
      .pass()
      .catch(options.onError)
      .finally(() => {
        running = null;
        if (again && !stopped) {
          again = false;
          void run();
        }
      });
    return running;
  }

  const timer = options.pollMs === 0 ? null : setInterval(() => void run(), options.pollMs);
  timer?.unref();
  return {
    run,
    kick: () => void run(),
    isStopped: () => stopped,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
