import { describe, expect, it } from 'vitest';
import { parseInline, parseRichText } from './rich-text';

describe('parseRichText', () => {
  it('splits paragraphs on blank lines and keeps single line breaks inside one', () => {
    const blocks = parseRichText('First line\nsecond line\n\nNext paragraph');
    expect(blocks).toEqual([
      { kind: 'paragraph', lines: [[{ kind: 'text', text: 'First line' }], [{ kind: 'text', text: 'second line' }]] },
      { kind: 'paragraph', lines: [[{ kind: 'text', text: 'Next paragraph' }]] },
    ]);
  });

  it('reads bullet and numbered lists, and fenced code verbatim', () => {
    const blocks = parseRichText('Tasks:\n- Buy milk\n- Call **Ann**\n1. one\n```\n<b>not html</b>\n- not a list\n```');
    expect(blocks.map((block) => block.kind)).toEqual(['paragraph', 'list', 'list', 'code']);
    expect(blocks[1]).toMatchObject({ ordered: false, items: [[{ text: 'Buy milk' }], [{ text: 'Call ' }, { kind: 'strong', text: 'Ann' }]] });
    expect(blocks[2]).toMatchObject({ ordered: true });
    expect(blocks[3]).toEqual({ kind: 'code', text: '<b>not html</b>\n- not a list' });
  });

  it('runs a code fence still being streamed to the end of the text', () => {
    expect(parseRichText('Here:\n```\nconst a = 1;')).toEqual([
      { kind: 'paragraph', lines: [[{ kind: 'text', text: 'Here:' }]] },
      { kind: 'code', text: 'const a = 1;' },
    ]);
  });
});

describe('parseInline', () => {
  it('separates code spans and bold from plain text', () => {
    expect(parseInline('Run `npm test` **now**, please')).toEqual([
      { kind: 'text', text: 'Run ' },
      { kind: 'code', text: 'npm test' },
      { kind: 'text', text: ' ' },
      { kind: 'strong', text: 'now' },
      { kind: 'text', text: ', please' },
    ]);
  });
});
