import { Fragment } from 'react';

// The small part of Markdown runbooks use: paragraphs, "-" lists, `code`,
// **bold**. Rendered as React elements (never as HTML), so nothing in a
// runbook can inject markup.

function inline(text: string, keyBase: string) {
  const parts = text.split(/(`[^`]+`|\*\*[^*]+\*\*)/g);
  return parts.map((p, i) => {
    const k = `${keyBase}-${i}`;
    if (p.startsWith('`') && p.endsWith('`') && p.length > 2) return <code key={k} className="rounded bg-panel-2 px-1 font-mono text-[0.9em]">{p.slice(1, -1)}</code>;
    if (p.startsWith('**') && p.endsWith('**') && p.length > 4) return <strong key={k}>{p.slice(2, -2)}</strong>;
    return <Fragment key={k}>{p}</Fragment>;
  });
}

export function Prose({ text, className = '' }: { text?: string | null; className?: string }) {
  if (!text?.trim()) return null;
  const blocks = text.trim().split(/\n\s*\n/);
  return (
    <div className={`space-y-2 text-sm leading-relaxed ${className}`}>
      {blocks.map((b, i) => {
        const lines = b.split('\n');
        const items = lines.filter((l) => /^\s*[-*]\s+/.test(l));
        if (items.length && items.length === lines.filter((l) => l.trim()).length) {
          return (
            <ul key={i} className="ml-4 list-disc space-y-0.5">
              {items.map((l, j) => <li key={j}>{inline(l.replace(/^\s*[-*]\s+/, ''), `${i}-${j}`)}</li>)}
            </ul>
          );
        }
        const head = /^#{1,4}\s+(.*)$/.exec(lines[0]);
        if (head) {
          return (
            <Fragment key={i}>
              <p className="font-semibold">{inline(head[1], `${i}-h`)}</p>
              {lines.length > 1 ? <p className="whitespace-pre-line">{inline(lines.slice(1).join('\n'), `${i}-b`)}</p> : null}
            </Fragment>
          );
        }
        return <p key={i} className="whitespace-pre-line">{inline(b, `${i}`)}</p>;
      })}
    </div>
  );
}
