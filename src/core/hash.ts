import { createHash } from 'node:crypto';

/** Hex SHA-256 of a string. */
export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A short, stable hex id derived from a key (12 hex chars = 48 bits; collisions are negligible per library). */
export const shortId = (key: string): string => sha256(key).slice(0, 12);
