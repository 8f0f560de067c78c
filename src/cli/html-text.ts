import { Tokenizer, TokenizerMode, type Token, type TokenHandler } from 'parse5';
import type { SegmentStart } from '../core/scan-stream.ts';

/** Receives the text a reader sees, one segment per text node; a long text node arrives in several pushes. */
export interface TextSink {
  begin(start: SegmentStart): void;
  push(text: string): void;
  end(): void;
}

/** Elements whose text a reader does not see as page text. */
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes']);
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

  constructor(sink: TextSink) {
    this.sink = sink;
    this.tokenizer = new Tokenizer({ sourceCodeLocationInfo: true }, this);
  }

  write(chunk: string): void {
    this.tokenizer.write(chunk, false);
    // The tokenizer gathers a text node's characters until the next tag; hand them over after each chunk instead.
    this.tokenizer.flushCharacters();
  }

  finish(): void {
    this.tokenizer.write('', true);
    this.endText();
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
      this.sink.begin({ line: at?.startLine ?? 1, column: at?.startCol ?? 1, offset: at?.startOffset ?? 0 });
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
