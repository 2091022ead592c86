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
        const head = /^#{1,4}\s+(.*)$/.exec(lines[0]);
        const rest = head ? lines.slice(1) : lines;
        // Consecutive "-" lines form a list; other lines stay paragraphs.
        const groups: { list: boolean; lines: string[] }[] = [];
        for (const l of rest) {
          const list = /^\s*[-*]\s+/.test(l);
          const last = groups.at(-1);
          if (last && last.list === list) last.lines.push(l);
          else groups.push({ list, lines: [l] });
        }
        return (
          <Fragment key={i}>
            {head ? <p className="font-semibold">{inline(head[1], `${i}-h`)}</p> : null}
            {groups.map((g, j) =>
              g.list ? (
                <ul key={j} className="ml-4 list-disc space-y-0.5">
                  {g.lines.map((l, k) => <li key={k}>{inline(l.replace(/^\s*[-*]\s+/, ''), `${i}-${j}-${k}`)}</li>)}
                </ul>
              ) : (
                <p key={j} className="whitespace-pre-line">{inline(g.lines.join('\n'), `${i}-${j}`)}</p>
              ),
            )}
          </Fragment>
        );
      })}
    </div>
  );
}
