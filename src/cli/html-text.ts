import { parse } from 'parse5';

export interface TextRun {
  text: string;
  /** 1-based position of the run's first character in the HTML source. */
  line: number;
  column: number;
}

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'textarea', 'head']);

interface Node {
  nodeName: string;
  value?: string;
  childNodes?: Node[];
  sourceCodeLocation?: { startLine: number; startCol: number } | null;
}

/** The text nodes of an HTML document that a reader sees, with their source positions (parse5, a spec-compliant parser). */
export function htmlTextRuns(html: string): TextRun[] {
  const runs: TextRun[] = [];
  const walk = (node: Node) => {
    if (SKIP.has(node.nodeName)) return;
    if (node.nodeName === '#text' && node.value && node.sourceCodeLocation) {
      runs.push({ text: node.value, line: node.sourceCodeLocation.startLine, column: node.sourceCodeLocation.startCol });
      return;
    }
    for (const child of node.childNodes ?? []) walk(child);
  };
  walk(parse(html, { sourceCodeLocationInfo: true }) as unknown as Node);
  return runs;
}
