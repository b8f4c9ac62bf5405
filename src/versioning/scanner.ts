/** A cursor over one line of text for the hand-written PEP 508 parsers; offsets are 0-based UTF-16 indices. */
export class Scanner {
  pos = 0;

  constructor(readonly text: string) {}

  get atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  peek(length = 1): string {
    return this.text.slice(this.pos, this.pos + length);
  }

  skipSpaces(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) {
      this.pos += 1;
    }
  }

  /** Consumes `literal` when the text continues with it. */
  eat(literal: string): boolean {
    if (!this.text.startsWith(literal, this.pos)) {
      return false;
    }
    this.pos += literal.length;
    return true;
  }

  /** Consumes and returns what the sticky-free `pattern` matches right here, or undefined. */
  match(pattern: RegExp): string | undefined {
    const sticky = new RegExp(pattern.source, `${pattern.flags.replace(/[gy]/g, '')}y`);
    sticky.lastIndex = this.pos;
    const found = sticky.exec(this.text);
    if (!found || found[0].length === 0) {
      return undefined;
    }
    this.pos += found[0].length;
    return found[0];
  }

  /** What the parser found at the cursor, for "expected X, found Y" messages. */
  found(): string {
    return describeFound(this.text, this.pos);
  }
}

export function describeFound(text: string, pos: number): string {
  const rest = text.slice(pos);
  if (rest.trim() === '') {
    return 'end of line';
  }
  const token = /^\S+/.exec(rest.trimStart())?.[0] ?? '';
  const shown = token.length > 30 ? `${token.slice(0, 30)}…` : token;
  return shown.includes('"') ? `'${shown}'` : `"${shown}"`;
}
