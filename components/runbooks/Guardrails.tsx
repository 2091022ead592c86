/** "Do not" lines, shown where they apply: at the top of a runbook and on the step they concern. */
export function Guardrails({ items, title = 'Do not', compact = false }: { items?: string[] | null; title?: string; compact?: boolean }) {
  if (!items?.length) return null;
  return (
    <div className={`rounded-md border border-degraded/40 bg-degraded/5 ${compact ? 'px-2.5 py-1.5' : 'px-3 py-2'}`} data-testid="guardrails">
      <p className="flex items-center gap-1.5 text-xs font-semibold uppercase tracking-wide text-degraded">
        <span aria-hidden>⚠</span> {title}
      </p>
      <ul className="mt-1 space-y-0.5 text-sm">
        {items.map((g, i) => (
          <li key={i} className="flex gap-1.5">
            <span aria-hidden className="text-degraded">✕</span>
            <span>{g}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
