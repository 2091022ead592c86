'use client';

/** A small segmented tab bar (which incidents, alerts, postmortems…): the selected tab is told by weight and colour, and by aria-selected. */
export function SegmentedTabs<T extends string>({ label, tabs, value, onChange }: { label: string; tabs: readonly { value: T; label: string }[]; value: T; onChange: (v: T) => void }) {
  return (
    <div role="tablist" aria-label={label} className="inline-flex rounded-md border border-line bg-panel p-0.5">
      {tabs.map((t) => (
        <button
          key={t.value}
          type="button"
          role="tab"
          aria-selected={value === t.value}
          onClick={() => onChange(t.value)}
          className={`rounded px-3 py-1 text-sm ${value === t.value ? 'bg-accent/15 font-medium text-fg' : 'text-muted hover:text-fg'}`}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
