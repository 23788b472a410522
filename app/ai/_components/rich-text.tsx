import { Fragment } from 'react';
import { parseRichText, type Inline } from '@/lib/ai/client/rich-text';

function Inlines({ runs }: { runs: Inline[] }) {
  return runs.map((run, index) =>
    run.kind === 'code' ? (
      <code key={index} className="rounded bg-surface-alt px-1 py-0.5 font-mono text-[0.9em]">
        {run.text}
      </code>
    ) : run.kind === 'strong' ? (
      <strong key={index} className="font-semibold">
        {run.text}
      </strong>
    ) : (
      <Fragment key={index}>{run.text}</Fragment>
    ),
  );
}

/** An agent's (or an artifact's) text: paragraphs, line breaks, lists, code. Rendered as elements, never as HTML. */
export function RichText({ text, className = '' }: { text: string; className?: string }) {
  return (
    <div className={`space-y-2 break-words ${className}`}>
      {parseRichText(text).map((block, index) => {
        switch (block.kind) {
          case 'paragraph':
            return (
              <p key={index}>
                {block.lines.map((line, lineIndex) => (
                  <Fragment key={lineIndex}>
                    {lineIndex > 0 && <br />}
                    <Inlines runs={line} />
                  </Fragment>
                ))}
              </p>
            );
          case 'heading':
            return (
              <p key={index} className="font-semibold">
                <Inlines runs={block.inlines} />
              </p>
            );
          case 'list': {
            const List = block.ordered ? 'ol' : 'ul';
            return (
              <List key={index} className={`space-y-1 pl-5 ${block.ordered ? 'list-decimal' : 'list-disc'}`}>
                {block.items.map((item, itemIndex) => (
                  <li key={itemIndex}>
                    <Inlines runs={item} />
                  </li>
                ))}
              </List>
            );
          }
          case 'code':
            return (
              <pre key={index} className="overflow-x-auto rounded-theme bg-surface-alt p-3 font-mono text-sm">
                <code>{block.text}</code>
              </pre>
            );
        }
      })}
    </div>
  );
}
