/**
 * A small structured logger: one JSON object per line in production (for log collectors), a readable
 * line in development. Stack traces go to the server log only, never into responses.
 */
type Level = 'debug' | 'info' | 'warn' | 'error';

const LEVELS: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function threshold(): number {
  const configured = process.env.LOG_LEVEL?.toLowerCase();
  if (configured && configured in LEVELS) return LEVELS[configured as Level];
  return process.env.NODE_ENV === 'test' ? LEVELS.warn : LEVELS.info;
}

function serialize(value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}

function write(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  if (LEVELS[level] < threshold()) return;
  const entries = Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, serialize(value)]));
  const stream = level === 'error' || level === 'warn' ? process.stderr : process.stdout;
  if (process.env.NODE_ENV === 'production') {
    stream.write(`${JSON.stringify({ time: new Date().toISOString(), level, msg: message, ...entries })}\n`);
    return;
  }
  const extra = Object.keys(entries).length ? ` ${JSON.stringify(entries)}` : '';
  stream.write(`[mozaiks] ${level.padEnd(5)} ${message}${extra}\n`);
}

export const logger = {
  debug: (message: string, fields?: Record<string, unknown>) => write('debug', message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write('info', message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write('warn', message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write('error', message, fields),
};
