/** Thrown inside the scan when the text is not in the form handled here; never escapes `canonicalText`. */
const DECLINED = Symbol('declined');

/** What a top-level object held under the two chain keys, when they are strings. */
export interface ChainKeys {
  hash?: string;
  prevHash?: string;
}

/**
 * The RFC 8785 canonical JSON of a stored JSON text, built from the text
 * itself: members re-sorted, numbers rewritten as ECMAScript writes them,
 * strings copied. It is exactly `canonicalJson(JSON.parse(text))` for the
 * text `JSON.stringify` writes, which is what the store keeps; for anything
 * else (whitespace, a backslash escape, a duplicate key, a number JSON cannot
 * hold) it returns undefined and the caller parses. Parsing and re-serialising
 * cost most of verifying an event; this costs a fraction.
 *
 * `drop`: a top-level key left out of the result, as `hash` is left out of
 * the text it was computed over. The top-level `hash` and `prevHash` strings
 * are handed to `keys`.
 */
export function canonicalText(text: string, drop?: string, keys?: ChainKeys): string | undefined {
  if (text.includes('\\')) return undefined;
  const scan = new Scan(text, drop, keys);
  try {
    const canonical = scan.value(true);
    return scan.at === text.length ? canonical : undefined;
  } catch (error) {
    if (error === DECLINED) return undefined;
    throw error;
  }
}

class Scan {
  at = 0;

  constructor(
    private readonly text: string,
    private readonly drop: string | undefined,
    private readonly keys: ChainKeys | undefined,
  ) {}

  value(top = false): string {
    const char = this.text.charCodeAt(this.at);
    if (char === 0x7b) return this.object(top);
    if (char === 0x5b) return this.array();
    if (char === 0x22) {
      const start = this.at;
      this.string();
      return this.text.slice(start, this.at);
    }
    if (char === 0x74) return this.literal('true');
    if (char === 0x66) return this.literal('false');
    if (char === 0x6e) return this.literal('null');
    return this.number();
  }

  private object(top: boolean): string {
    this.at += 1;
    if (this.text.charCodeAt(this.at) === 0x7d) {
      this.at += 1;
      return '{}';
    }
    const members: Array<[key: string, text: string]> = [];
    let previous = '';
    let sorted = true;
    for (;;) {
      this.expect(0x22);
      const key = this.string();
      this.expect(0x3a);
      this.at += 1;
      const start = this.at;
      const value = this.value();
      if (top) this.note(key, start);
      if (!(top && key === this.drop)) {
        if (members.length > 0 && previous >= key) sorted = false;
        previous = key;
        members.push([key, value]);
      }
      if (this.text.charCodeAt(this.at) === 0x2c) {
        this.at += 1;
        continue;
      }
      this.expect(0x7d);
      this.at += 1;
      break;
    }
    if (!sorted) {
      members.sort(([a], [b]) => (a < b ? -1 : 1));
      // A key given twice: JSON.parse keeps the last, which this scan does not track.
      for (let i = 1; i < members.length; i += 1) if (members[i - 1][0] === members[i][0]) throw DECLINED;
    }
    let out = '{';
    for (let i = 0; i < members.length; i += 1) out += `${i === 0 ? '' : ','}"${members[i][0]}":${members[i][1]}`;
    return `${out}}`;
  }

  private array(): string {
    this.at += 1;
    if (this.text.charCodeAt(this.at) === 0x5d) {
      this.at += 1;
      return '[]';
    }
    let out = '[';
    for (;;) {
      out += this.value();
      if (this.text.charCodeAt(this.at) === 0x2c) {
        this.at += 1;
        out += ',';
        continue;
      }
      this.expect(0x5d);
      this.at += 1;
      return `${out}]`;
    }
  }

  /** The characters between the quotes; with no backslash anywhere, they are the string itself and JSON.stringify writes them back unchanged. */
  private string(): string {
    const end = this.text.indexOf('"', this.at + 1);
    if (end < 0) throw DECLINED;
    const content = this.text.slice(this.at + 1, end);
    this.at = end + 1;
    return content;
  }

  private literal(word: string): string {
    if (!this.text.startsWith(word, this.at)) throw DECLINED;
    this.at += word.length;
    return word;
  }

  private number(): string {
    const start = this.at;
    for (let char = this.text.charCodeAt(this.at); isNumberChar(char); char = this.text.charCodeAt(this.at)) this.at += 1;
    if (this.at === start) throw DECLINED;
    const number = Number(this.text.slice(start, this.at));
    if (!Number.isFinite(number)) throw DECLINED;
    return String(number);
  }

  /** Keeps the top-level `hash` and `prevHash` when they are strings; otherwise the parsing path says what they are. */
  private note(key: string, start: number): void {
    if (!this.keys || (key !== 'hash' && key !== 'prevHash')) return;
    if (this.text.charCodeAt(start) !== 0x22) throw DECLINED;
    this.keys[key] = this.text.slice(start + 1, this.at - 1);
  }

  private expect(char: number): void {
    if (this.text.charCodeAt(this.at) !== char) throw DECLINED;
  }
}

/** Digits, sign, point and exponent: the characters of a JSON number. */
function isNumberChar(char: number): boolean {
  return (char >= 0x30 && char <= 0x39) || char === 0x2d || char === 0x2b || char === 0x2e || char === 0x65 || char === 0x45;
}
