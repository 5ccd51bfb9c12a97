import crypto from 'node:crypto';

/** Operation and export ids: time-ordered so history sorts naturally, random so they never collide. */
export function newId(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}${crypto.randomBytes(6).toString('hex')}`;
}
