/**
 * The byte format of one row of the SQLite sentence index (sentence-index.ts): the postings one write added for
 * one token, and the tombstones of postings it removed. Sentence ids only grow, so rows of one token, read in
 * the order they were written, list their postings by increasing id, and a tombstone can never meet a reused id.
 *
 * Layout, all unsigned LEB128 varints: postings count, tombstone count, then per posting the id's gap from the
 * previous id, the token's frequency in the sentence and the sentence's length in tokens, then the tombstones'
 * id gaps. Five bytes a posting on the corpora, against FTS5's position lists.
 */

/** Postings of one token, in increasing id order. */
export interface PostingList {
  readonly ids: Float64Array;
  readonly tfs: Uint32Array;
  readonly lengths: Uint32Array;
}

/** One stored row, decoded. */
export interface PostingRow extends PostingList {
  readonly tombstones: Float64Array;
}

class ByteWriter {
  private bytes: Uint8Array;
  private length = 0;

  /** `expected`: a guess of the bytes needed (it grows past it when wrong). */
  constructor(expected: number) {
    this.bytes = new Uint8Array(Math.max(16, expected));
  }

  varint(value: number): void {
    if (this.length + 8 > this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
    }
    let v = value;
    while (v >= 0x80) {
      this.bytes[this.length++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.bytes[this.length++] = v;
  }

  done(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

/**
 * Encodes `count` postings, where `field(i, 0 | 1 | 2)` is the i-th posting's id (increasing), term frequency
 * and sentence length, then the tombstones (ids increasing).
 */
function encode(count: number, field: (i: number, k: 0 | 1 | 2) => number, tombstones: ArrayLike<number>): Uint8Array {
  const out = new ByteWriter(count * 5 + tombstones.length * 2 + 4);
  out.varint(count);
  out.varint(tombstones.length);
  let previous = 0;
  for (let i = 0; i < count; i++) {
    const id = field(i, 0);
    out.varint(id - previous);
    out.varint(field(i, 1));
    out.varint(field(i, 2));
    previous = id;
  }
  previous = 0;
  for (let i = 0; i < tombstones.length; i++) {
    const id = tombstones[i] as number;
    out.varint(id - previous);
    previous = id;
  }
  return out.done();
}

/** Encodes postings (ids increasing) and tombstones (ids increasing) as one row. */
export function encodeRow(
  ids: ArrayLike<number>,
  tfs: ArrayLike<number>,
  lengths: ArrayLike<number>,
  tombstones: ArrayLike<number>,
): Uint8Array {
  const columns = [ids, tfs, lengths] as const;
  return encode(ids.length, (i, k) => columns[k][i] as number, tombstones);
}

/** Encodes postings given as flat (id, tf, length) triples, ids increasing, and tombstones (ids increasing). */
export function encodeTriples(triples: readonly number[], tombstones: readonly number[]): Uint8Array {
  return encode(triples.length / 3, (i, k) => triples[3 * i + k] as number, tombstones);
}

/** Reads the unsigned LEB128 varints of one row, in order. */
export class RowReader {
  at = 0;
  constructor(readonly bytes: Uint8Array) {}

  next(): number {
    const bytes = this.bytes;
    let byte = bytes[this.at++] as number;
    if (byte < 0x80) return byte;
    let value = byte & 0x7f;
    let scale = 0x80;
    for (;;) {
      byte = bytes[this.at++] as number;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 0x80;
    }
  }
}

export function decodeRow(bytes: Uint8Array): PostingRow {
  const reader = new RowReader(bytes);
  const count = reader.next();
  const removed = reader.next();
  const ids = new Float64Array(count);
  const tfs = new Uint32Array(count);
  const lengths = new Uint32Array(count);
  let id = 0;
  for (let i = 0; i < count; i++) {
    id += reader.next();
    ids[i] = id;
    tfs[i] = reader.next();
    lengths[i] = reader.next();
  }
  const tombstones = new Float64Array(removed);
  id = 0;
  for (let i = 0; i < removed; i++) {
    id += reader.next();
    tombstones[i] = id;
  }
  return { ids, tfs, lengths, tombstones };
}

/**
 * Rows written one after another (oldest first) as one row: their postings concatenated, less those a
 * tombstone among them removes; tombstones that match no posting among them are kept, since they remove
 * postings of older rows. With `complete` (the rows are all the token has) such leftovers are dropped.
 */
export function mergeRows(rows: readonly PostingRow[], complete: boolean): PostingRow {
  const removed = new Set<number>();
  for (const row of rows) for (const id of row.tombstones) removed.add(id);
  let total = 0;
  for (const row of rows) total += row.ids.length;
  const ids = new Float64Array(total);
  const tfs = new Uint32Array(total);
  const lengths = new Uint32Array(total);
  let n = 0;
  for (const row of rows) {
    for (let i = 0; i < row.ids.length; i++) {
      const id = row.ids[i] as number;
      if (removed.delete(id)) continue;
      ids[n] = id;
      tfs[n] = row.tfs[i] as number;
      lengths[n] = row.lengths[i] as number;
      n++;
    }
  }
  const tombstones = complete ? new Float64Array(0) : Float64Array.from([...removed].sort((a, b) => a - b));
  return { ids: ids.subarray(0, n), tfs: tfs.subarray(0, n), lengths: lengths.subarray(0, n), tombstones };
}
