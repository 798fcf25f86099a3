export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogFields = Record<string, unknown>;

export type Logger = {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
};

/** Structured logs: one JSON object per line, so any log shipper can parse them. */
export function createLogger(options: { level?: LogLevel; write?: (line: string) => void; clock?: () => Date } = {}): Logger {
  const threshold = LOG_LEVELS.indexOf(options.level ?? 'info');
  const write = options.write ?? writeStdoutLine;
  const clock = options.clock ?? (() => new Date());
  const log = (level: Exclude<LogLevel, 'silent'>) => (msg: string, fields: LogFields = {}) => {
    if (LOG_LEVELS.indexOf(level) < threshold) return;
    const line = JSON.stringify({ level, time: clock().toISOString(), msg, ...fields });
    // Request lines (info) carry only the logger's own fields; what else is logged may quote anything.
    write(level === 'info' ? line : redactSecrets(line));
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

export const silentLogger: Logger = createLogger({ level: 'silent' });

/**
 * What must never reach a log: bearer secrets (`agora_…`, `Bearer …`) and the parameters of a
 * failed SQL statement (drizzle's "Failed query: … params: …" quotes them, token hashes and
 * personal data included). The statement itself is kept: it says what failed.
 */
export function redactSecrets(text: string): string {
  return text
    .replace(/agora_[\w-]{8,}/g, 'agora_[redacted]')
    .replace(/(Bearer\s+)[^\s"\\]+/gi, '$1[redacted]')
    .replace(/params: (?:[^"\\]|\\.)*/g, 'params: [redacted]');
}

/**
 * Lines to stdout, gathered and written once per turn of the event loop: on Linux a write to a pipe
 * blocks, and one system call per request line was a large share of a busy hub's time. Whatever is
 * still gathered is written when the process exits. One buffer for the process, shared by every
 * logger, so their lines keep their order (and a test's many loggers add one exit listener).
 */
let pendingLines: string[] = [];
function flushStdoutLines(): void {
  if (pendingLines.length === 0) return;
  const chunk = `${pendingLines.join('\n')}\n`;
  pendingLines = [];
  process.stdout.write(chunk);
}
function writeStdoutLine(line: string): void {
  if (pendingLines.length === 0) {
    if (!isFlushOnExitSet) {
      isFlushOnExitSet = true;
      process.once('exit', flushStdoutLines);
    }
    setImmediate(flushStdoutLines);
  }
  pendingLines.push(line);
}
let isFlushOnExitSet = false;
