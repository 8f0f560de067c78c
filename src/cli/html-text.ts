import { Tokenizer, TokenizerMode, type Token, type TokenHandler } from 'parse5';
import type { SegmentStart } from '../core/scan-stream.ts';

/** Receives the text a reader sees, one segment per text node; a long text node arrives in several pushes. */
export interface TextSink {
  begin(start: SegmentStart): void;
  push(text: string): void;
  end(): void;
}

/** Elements whose text a reader does not see as page text. */
const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'textarea',
  'title',
  'xmp',
  'iframe',
  'noembed',
  'noframes',
]);
/** How the tokenizer must read each element's content (the tree builder's switch, done here without a tree). */
const CONTENT_MODE: Record<string, (typeof TokenizerMode)[keyof typeof TokenizerMode]> = {
  script: TokenizerMode.SCRIPT_DATA,
  style: TokenizerMode.RAWTEXT,
  xmp: TokenizerMode.RAWTEXT,
  iframe: TokenizerMode.RAWTEXT,
  noembed: TokenizerMode.RAWTEXT,
  noframes: TokenizerMode.RAWTEXT,
  // As a browser with scripting on reads it.
  noscript: TokenizerMode.RAWTEXT,
  textarea: TokenizerMode.RCDATA,
  title: TokenizerMode.RCDATA,
  plaintext: TokenizerMode.PLAINTEXT,
};

/**
 * Tokenizer states (parse5's internal State numbers) in which input piles up in one token we never read, with what
 * ends each: attribute values (double-, single-quoted, unquoted), a bogus comment, a comment.
 */
const LONG_TOKEN_END: Record<number, RegExp> = {
  35: /"/,
  36: /'/,
  37: /[\t\n\f >]/,
  40: />/,
  44: /--!?>/,
};
/** Every state inside such a token, including the steps between (a `-` in a comment, a character reference). */
const IN_LONG_TOKEN = new Set([35, 36, 37, 40, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 71, 72]);
/** Characters of one such token before the rest of it is skipped instead of tokenized (and kept in memory). */
const LONG_TOKEN_CAP = 256 * 1024;
/** Kept at the end of a skipped piece: a terminator may start in it (`--` here, `>` in the next piece). */
const TERMINATOR_MAX = 4;
/** A skipped piece's last line is still tokenized up to this length, so columns after it stay exact. */
const KEEP_LINE_TAIL = 4096;

/**
 * Reads HTML as it arrives and hands its visible text to a sink, with source positions. Built on parse5's tokenizer
 * (the spec's tokenizer states) and no tree: nothing is kept per element, so 200,000 nested or unclosed elements cost
 * no stack and no memory, and a huge input is read in bounded memory. What a tree builder would add (moving stray text
 * out of tables, the adoption agency) changes where text sits, not what text there is, so IDs are the same.
 */
export class HtmlTextReader implements TokenHandler {
  private readonly tokenizer: Tokenizer;
  private readonly sink: TextSink;
  /** Open elements whose text is skipped (a template can nest; the raw-text ones cannot). */
  private skipped = 0;
  /** Open <svg>/<math>: their content is foreign (CDATA sections are text there). */
  private foreign = 0;
  private inText = false;
  /** Characters fed while the tokenizer stayed inside one comment or attribute value. */
  private longToken = 0;
  /** What skipping took out of the input, added back to the positions the tokenizer reports. */
  private skippedLines = 0;
  private skippedChars = 0;
  /** Columns dropped from the tokenizer's line `shiftLine` (a skipped piece without a line break, or a long tail). */
  private shiftLine = 0;
  private shiftColumns = 0;

  constructor(sink: TextSink) {
    this.sink = sink;
    this.tokenizer = new Tokenizer({ sourceCodeLocationInfo: true }, this);
  }

  write(chunk: string): void {
    let rest = chunk;
    while (rest.length > 0) {
      let piece = rest;
      rest = '';
      if (this.longToken > LONG_TOKEN_CAP) {
        const end = LONG_TOKEN_END[this.tokenizer.state];
        if (end) piece = this.skipLongToken(piece, end);
        else if (IN_LONG_TOKEN.has(this.tokenizer.state) && piece.length > TERMINATOR_MAX) {
          // Between steps (after a "-" in a comment, in a character reference): a few characters the normal way,
          // so a terminator that began in the last piece is seen, then look again.
          rest = piece.slice(TERMINATOR_MAX);
          piece = piece.slice(0, TERMINATOR_MAX);
        }
      }
      this.tokenizer.write(piece, false);
      this.longToken = IN_LONG_TOKEN.has(this.tokenizer.state) ? this.longToken + piece.length : 0;
    }
    // The tokenizer gathers a text node's characters until the next tag; hand them over after each chunk instead.
    this.tokenizer.flushCharacters();
  }

  finish(): void {
    this.tokenizer.write('', true);
    this.endText();
  }

  /**
   * Inside an over-long comment or attribute value, whose text we never read: hands the tokenizer only what it needs
   * (the terminator and what follows, one line break for the lines dropped, the last line's tail for the columns),
   * so a 100 MB comment costs no more memory than a short one. Positions are corrected by what was dropped.
   */
  private skipLongToken(chunk: string, end: RegExp): string {
    const found = end.exec(chunk);
    const cut = found ? found.index : Math.max(0, chunk.length - TERMINATOR_MAX);
    const dropped = chunk.slice(0, cut);
    const lastBreak = dropped.lastIndexOf('\n');
    const tail = dropped.slice(lastBreak + 1);
    let fed = tail.length <= KEEP_LINE_TAIL ? tail : '';
    const line = this.tokenizer.preprocessor.line;
    if (lastBreak >= 0) {
      let breaks = 0;
      for (let i = dropped.indexOf('\n'); i >= 0; i = dropped.indexOf('\n', i + 1)) breaks++;
      this.skippedLines += breaks - 1;
      fed = `\n${fed}`;
      // The tokenizer's next line starts at our line break: its columns are right unless the tail was dropped.
      this.shiftLine = line + 1;
      this.shiftColumns = tail.length - (fed.length - 1);
    } else {
      if (this.shiftLine !== line) this.shiftColumns = 0;
      this.shiftLine = line;
      this.shiftColumns += dropped.length - fed.length;
    }
    this.skippedChars += dropped.length - fed.length;
    return fed + chunk.slice(cut);
  }

  onStartTag(token: Token.TagToken): void {
    this.endText();
    const name = token.tagName;
    if (name === 'svg' || name === 'math') {
      if (!token.selfClosing) this.foreign++;
    } else if (this.foreign === 0) {
      const mode = CONTENT_MODE[name];
      if (mode !== undefined) this.tokenizer.state = mode;
      if (SKIP.has(name)) this.skipped++;
    }
    this.tokenizer.inForeignNode = this.foreign > 0;
  }

  onEndTag(token: Token.TagToken): void {
    this.endText();
    const name = token.tagName;
    if ((name === 'svg' || name === 'math') && this.foreign > 0) this.foreign--;
    else if (this.foreign === 0 && SKIP.has(name) && this.skipped > 0) this.skipped--;
    this.tokenizer.inForeignNode = this.foreign > 0;
  }

  onCharacter(token: Token.CharacterToken): void {
    this.text(token);
  }

  onWhitespaceCharacter(token: Token.CharacterToken): void {
    this.text(token);
  }

  onNullCharacter(): void {
    // Dropped, as a browser drops it from body text.
  }

  onComment(): void {
    this.endText();
  }

  onDoctype(): void {
    this.endText();
  }

  onEof(): void {
    this.endText();
  }

  private text(token: Token.CharacterToken): void {
    if (this.skipped > 0) return;
    if (!this.inText) {
      const at = token.location;
      const line = at?.startLine ?? 1;
      const column = (at?.startCol ?? 1) + (line === this.shiftLine ? this.shiftColumns : 0);
      this.sink.begin({ line: line + this.skippedLines, column, offset: (at?.startOffset ?? 0) + this.skippedChars });
      this.inText = true;
    }
    this.sink.push(token.chars);
  }

  private endText(): void {
    if (!this.inText) return;
    this.inText = false;
    this.sink.end();
  }
}
