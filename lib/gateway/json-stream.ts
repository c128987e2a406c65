import { parseGatewayJson } from './json';

/** Where the list is in the answer: under a key of the top object or, when `bare`, also the answer itself. */
export interface ListAt {
  key: string;
  bare?: boolean;
  /**
   * The entries' numbers are never read (the users list's fields are all text): each batch is
   * parsed with `JSON.parse` alone, without the search for integers beyond 2^53 that exact parsing
   * starts with. Every user's `OwnerId` is sixteen zeros, so that search read the whole of every
   * batch of a users list (reading 100,000 users: 47–49 ms with it, 37 without).
   */
  numbersUnread?: boolean;
}

/** The answer is not valid JSON (`syntax`), or has no list where one is expected (`shape`). */
export class InvalidJsonList extends Error {
  constructor(
    message: string,
    readonly kind: 'syntax' | 'shape' = 'syntax',
  ) {
    super(message);
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;
/** How one object entry follows another in a list written without spaces. */
const BETWEEN_OBJECTS = Buffer.from('},{');

/**
 * Reads a JSON answer that holds one long list as it arrives, handing over the list's entries a
 * batch at a time, each batch parsed as `parseGatewayJson` parses (large integers exact), unless
 * the list's numbers are never read (`numbersUnread`). Neither the whole text nor the whole parsed
 * answer is ever held: a million buckets are 200 MB of text and more than that parsed. What
 * surrounds the list is kept and parsed at the end, so an answer is accepted exactly when the
 * whole of it is valid JSON with the list where it is expected; otherwise `write` or `end` throws
 * `InvalidJsonList`.
 *
 * Only the bytes `"` `\` `[` `]` `{` `}` `,` are looked at. In UTF-8 none of them occurs inside a
 * multi-byte character, so batches are cut between entries, never inside a character.
 */
export class JsonListReader {
  private depth = 0;
  private inString = false;
  /** Where the open string began in the bytes being read (outside the list it is carried from there). */
  private stringAt = -1;
  private phase: 'before' | 'inside' | 'after' = 'before';
  /** The depth of the list's entries: 1 for a bare array, 2 under a key. */
  private listDepth = 0;
  /** The answer with the list's entries left out (`[]` in their place): small, parsed at the end. */
  private readonly outer: string[] = [];
  /** Bytes read but not yet placed: entries not yet complete (from the start of one), or a string not yet closed. */
  private carry: Buffer | null = null;
  /** How much of `carry` the state above has read (inside the list, what a quick cut left is not read yet). */
  private scanned = 0;
  /** Commas directly in the list since the last batch. */
  private commas = 0;
  private handedOver = 0;
  private readonly parse: (text: string) => unknown;

  constructor(
    private readonly at: ListAt,
    private readonly onEntries: (entries: unknown[]) => void,
  ) {
    this.parse = at.numbersUnread ? JSON.parse : parseGatewayJson;
  }

  /** How many entries were handed over so far. */
  get count(): number {
    return this.handedOver;
  }

  write(chunk: Uint8Array): void {
    let buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let i = 0;
    if (this.carry) {
      i = this.scanned;
      buf = Buffer.concat([this.carry, buf]);
      this.carry = null;
    }
    if (this.phase === 'inside' && this.quickCut(buf)) return;
    this.read(buf, i);
  }

  /** Reads `buf` byte by byte from `i`, the state being that after `buf`'s first `i` bytes. */
  private read(buf: Buffer, i: number): void {
    // Start of the bytes not yet placed: in `outer` (outside the list) or handed over (inside it).
    let from = 0;
    let lastComma = -1;
    const n = buf.length;
    for (; i < n; i++) {
      if (this.inString) {
        // The next quote ends the string unless an odd run of backslashes escapes it. The string
        // began in `buf` (an open string is carried whole), so the run is all here.
        const q = buf.indexOf(QUOTE, i);
        if (q < 0) break;
        let slashes = 0;
        for (let j = q - 1; buf[j] === BACKSLASH; j--) slashes++;
        i = q;
        if (slashes % 2 === 0) this.inString = false;
        continue;
      }
      const b = buf[i];
      if (b === QUOTE) {
        this.inString = true;
        this.stringAt = i;
      } else if (b === OPEN_ARRAY || b === OPEN_OBJECT) {
        if (b === OPEN_ARRAY && this.phase !== 'inside' && this.opensTheList(buf, from, i)) {
          if (this.phase === 'after') throw new InvalidJsonList(`"${this.at.key}" appears twice in the answer`, 'shape');
          this.outer.push(buf.toString('utf8', from, i + 1));
          this.phase = 'inside';
          this.listDepth = this.depth + 1;
          from = i + 1;
        }
        this.depth++;
      } else if (b === CLOSE_ARRAY || b === CLOSE_OBJECT) {
        if (this.phase === 'inside' && this.depth === this.listDepth) {
          if (b !== CLOSE_ARRAY) throw new InvalidJsonList('the list is not valid JSON');
          this.closeList(buf.toString('utf8', from, i));
          this.phase = 'after';
          from = i;
          lastComma = -1;
        }
        this.depth--;
        if (this.depth < 0) throw new InvalidJsonList('the answer is not valid JSON');
      } else if (b === COMMA && this.phase === 'inside' && this.depth === this.listDepth) {
        lastComma = i;
        this.commas++;
      }
    }
    if (this.phase === 'inside') {
      if (lastComma >= 0) {
        // Every entry up to the last comma is complete: hand them over; the rest waits for more.
        this.handOver(buf.toString('utf8', from, lastComma), this.commas - 1);
        this.commas = 0;
        from = lastComma + 1;
      }
      this.carry = Buffer.from(buf.subarray(from));
      this.scanned = this.carry.length;
    } else if (this.inString) {
      this.outer.push(buf.toString('utf8', from, this.stringAt));
      this.carry = Buffer.from(buf.subarray(this.stringAt));
      this.scanned = this.carry.length;
      this.stringAt = 0;
    } else {
      this.outer.push(buf.toString('utf8', from, n));
    }
  }

  /**
   * The quick way through a list of objects: cut `buf` (which starts where an entry starts) at its
   * last `},{` and parse what is before. `[` + those bytes + `]` is valid JSON only when the cut
   * falls between two entries: inside a string the string would never end, deeper inside an entry
   * a bracket would stay open, and past the end of the list something would follow the array. So a
   * cut that parses is a true one, and the entries before it are handed over without reading them
   * byte by byte (twice as fast). False when there is no such cut: then `buf` is read the careful way.
   */
  private quickCut(buf: Buffer): boolean {
    const cut = buf.lastIndexOf(BETWEEN_OBJECTS);
    if (cut < 0) return false;
    let entries: unknown[];
    try {
      entries = this.parse(`[${buf.toString('utf8', 0, cut + 1)}]`) as unknown[];
    } catch {
      return false;
    }
    this.handedOver += entries.length;
    this.onEntries(entries);
    // What is left starts at the next entry's `{`: read from there, as at the start of the list.
    this.carry = Buffer.from(buf.subarray(cut + 2));
    this.scanned = 0;
    this.depth = this.listDepth;
    this.inString = false;
    this.commas = 0;
    return true;
  }

  /** The answer is complete: checks that it was valid, with the list where expected. */
  end(): void {
    // The entries a quick cut left, read now that no more will come.
    if (this.phase === 'inside' && this.carry && this.scanned < this.carry.length) {
      const rest = this.carry;
      this.carry = null;
      this.read(rest, this.scanned);
    }
    if (this.phase === 'inside') throw new InvalidJsonList('the answer ends inside the list');
    if (this.carry) this.outer.push(this.carry.toString('utf8'));
    this.carry = null;
    try {
      parseGatewayJson(this.outer.join(''));
    } catch {
      throw new InvalidJsonList('the answer is not valid JSON');
    }
    if (this.phase === 'before') throw new InvalidJsonList(`the answer has no "${this.at.key}" list`, 'shape');
  }

  /** True when the `[` at `i` opens the list: the whole answer (when bare), or the value of the key. */
  private opensTheList(buf: Buffer, from: number, i: number): boolean {
    // At depth 0 a `[` can only open the answer: after a whole value, the answer is refused at the end.
    if (this.depth === 0) return !!this.at.bare;
    if (this.depth > 1) return false;
    const before = this.outer.join('') + buf.toString('utf8', from, i);
    const colon = /:\s*$/.exec(before);
    return colon !== null && keyEndingAt(before, colon.index) === this.at.key;
  }

  private closeList(text: string) {
    // `[]` and `[ ]` hold no entry; otherwise n commas separate n + 1 entries.
    if (this.commas === 0 && this.handedOver === 0 && text.trim() === '') return;
    this.handOver(text, this.commas);
    this.commas = 0;
  }

  private handOver(text: string, commas: number) {
    let entries: unknown;
    try {
      entries = this.parse(`[${text}]`);
    } catch {
      throw new InvalidJsonList('the list is not valid JSON');
    }
    // `[1,,2]` and `[1,]` cut as batches parse to fewer entries than their commas say.
    if (!Array.isArray(entries) || entries.length !== commas + 1) throw new InvalidJsonList('the list is not valid JSON');
    this.handedOver += entries.length;
    this.onEntries(entries);
  }
}

/** The JSON string that ends just before `end` in `text` (spaces allowed), decoded; null if none. */
function keyEndingAt(text: string, end: number): string | null {
  let close = end - 1;
  while (close >= 0 && /\s/.test(text[close])) close--;
  if (text[close] !== '"') return null;
  // The first quote before it not escaped by an odd run of backslashes opens the string.
  for (let open = close - 1; open >= 0; open--) {
    if (text[open] !== '"') continue;
    let slashes = 0;
    for (let j = open - 1; j >= 0 && text[j] === '\\'; j--) slashes++;
    if (slashes % 2 === 0) {
      try {
        return JSON.parse(text.slice(open, close + 1)) as string;
      } catch {
        return null;
      }
    }
  }
  return null;
}
