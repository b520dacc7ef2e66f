/** Turns the driver's errors on the usual misconfigurations into Kora's coded errors, with what to do. */
import { createError, isKoraError } from '../../core/errors.ts';

/** SQLSTATE / errno → advice. https://www.postgresql.org/docs/15/errcodes-appendix.html */
const ADVICE: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'nothing listens there; start PostgreSQL or fix the host and port',
  ENOTFOUND: 'unknown host; fix the host name in the URL',
  '25006': 'the database is read-only (a standby replica?); write through the primary and search the replica',
  '3D000': 'no such database; create it first (createdb NAME)',
  '28000': 'the server refused the role; check the user name and pg_hba.conf',
  '28P01': 'wrong password for that role',
  '42501': 'the role lacks a privilege Kora needs (CREATE on the schema, or SELECT/INSERT on its tables)',
  '57P03': 'the server is starting up or shutting down; try again shortly',
};

/** Rethrows a driver error as DATABASE with advice when it is one of the known cases; else as is. */
export function explain(error: unknown, label: string): unknown {
  if (isKoraError(error)) return error;
  const code = (error as { code?: string }).code;
  const advice = code ? ADVICE[code] : undefined;
  return advice ? createError('DATABASE', label, `${(error as Error).message}; ${advice}`) : error;
}
