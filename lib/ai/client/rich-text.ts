/**
 * The little Markdown agents write (paragraphs, line breaks, bullet and numbered lists, fenced code,
 * `code` spans and **bold**), parsed into blocks React renders as elements. Never HTML: a model's
 * output is untrusted text, so nothing it writes can become markup.
 */

/** A run of text inside a line. */
export type Inline = { kind: 'text'; text: string } | { kind: 'code'; text: string } | { kind: 'strong'; text: string };

export type Block =
  | { kind: 'paragraph'; lines: Inline[][] }
  | { kind: 'list'; ordered: boolean; items: Inline[][] }
  | { kind: 'code'; text: string }
  | { kind: 'heading'; inlines: Inline[] };

const BULLET = /^\s*[-*•]\s+(.*)$/;
const NUMBERED = /^\s*\d+[.)]\s+(.*)$/;
const HEADING = /^#{1,6}\s+(.*)$/;
const FENCE = /^\s*```/;

/** Splits a line into plain, `code` and **bold** runs. */
export function parseInline(line: string): Inline[] {
  const runs: Inline[] = [];
  const pattern = /`([^`]+)`|\*\*([^*]+)\*\*/g;
  let last = 0;
  for (const match of line.matchAll(pattern)) {
    if (match.index > last) runs.push({ kind: 'text', text: line.slice(last, match.index) });
    runs.push(match[1] !== undefined ? { kind: 'code', text: match[1] } : { kind: 'strong', text: match[2] ?? '' });
    last = match.index + match[0].length;
  }
  if (last < line.length) runs.push({ kind: 'text', text: line.slice(last) });
  return runs;
}

/** Parses text into blocks. An unclosed code fence (a message still streaming) runs to the end. */
export function parseRichText(source: string): Block[] {
  const blocks: Block[] = [];
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  let paragraph: Inline[][] = [];
  let list: { ordered: boolean; items: Inline[][] } | null = null;

  const flush = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', lines: paragraph });
    if (list) blocks.push({ kind: 'list', ...list });
    paragraph = [];
    list = null;
  };

  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (FENCE.test(line)) {
      flush();
      const code: string[] = [];
      for (index++; index < lines.length && !FENCE.test(lines[index] ?? ''); index++) code.push(lines[index] ?? '');
      blocks.push({ kind: 'code', text: code.join('\n') });
      continue;
    }
    if (!line.trim()) {
      flush();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flush();
      blocks.push({ kind: 'heading', inlines: parseInline(heading[1] ?? '') });
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    const item = bullet ?? numbered;
    if (item) {
      const ordered = Boolean(numbered);
      if (paragraph.length || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push(parseInline(item[1] ?? ''));
      continue;
    }
    if (list) flush();
    paragraph.push(parseInline(line));
  }
  flush();
  return blocks;
}
