/** The log levels, apart from logger.ts so the CLI can name them in `--help` without loading pino. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
