/** Where a progress bar draws: a terminal (redrawn in place with `\r`) or a log (a few plain lines). */
export type ProgressOutput = { tty: true; write(raw: string): void } | { tty: false; writeLine(line: string): void };

const WIDTH = 30;

/**
 * A progress bar for long CLI steps. On a terminal one line is redrawn as work advances; anywhere
 * else (CI logs, pipes) it prints at most five lines — start, each quarter, end — so logs stay short.
 */
export function createProgressBar(output: ProgressOutput, label: string) {
  let shown = -1;
  let finished = false;
  return {
    update(done: number, total: number) {
      if (finished) return;
      const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
      if (output.tty) {
        if (percent === shown) return;
        const filled = Math.round((percent / 100) * WIDTH);
        output.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${String(percent).padStart(3)}% ${done}/${total}`);
      } else {
        const quarter = Math.floor(percent / 25);
        if (quarter === shown) return;
        output.writeLine(`${label}: ${done}/${total} (${percent}%)`);
        shown = quarter;
        return;
      }
      shown = percent;
    },
    /** Ends the line on a terminal, so what follows starts on a fresh one. */
    finish() {
      if (finished) return;
      finished = true;
      if (output.tty && shown >= 0) output.write('\n');
    },
  };
}
