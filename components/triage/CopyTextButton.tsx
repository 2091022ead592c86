'use client';

import { useEffect, useRef, useState } from 'react';

/** Copies through a hidden textarea: works where navigator.clipboard does not (plain http off localhost). */
function legacyCopy(text: string): boolean {
  const ta = document.createElement('textarea');
  ta.value = text;
  ta.setAttribute('readonly', '');
  ta.style.position = 'fixed';
  ta.style.opacity = '0';
  document.body.appendChild(ta);
  ta.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  ta.remove();
  return ok;
}

/** "Copy as text", with the outcome announced; when copying is impossible the text is shown to select by hand. */
export function CopyTextButton({ text, disabled }: { text: string; disabled?: boolean }) {
  const [outcome, setOutcome] = useState<'idle' | 'copied' | 'manual'>('idle');
  const manualRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (outcome !== 'copied') return;
    const t = setTimeout(() => setOutcome('idle'), 2_500);
    return () => clearTimeout(t);
  }, [outcome]);

  useEffect(() => {
    if (outcome === 'manual') manualRef.current?.select();
  }, [outcome]);

  async function copy() {
    try {
      if (navigator.clipboard?.writeText) {
        await navigator.clipboard.writeText(text);
        setOutcome('copied');
        return;
      }
    } catch {
      // Permission refused or insecure context: fall through.
    }
    setOutcome(legacyCopy(text) ? 'copied' : 'manual');
  }

  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex items-center gap-2">
        <span role="status" className="text-xs text-up">{outcome === 'copied' ? '✔ Copied' : ''}</span>
        <button type="button" className="btn" onClick={copy} disabled={disabled}>
          Copy as text
        </button>
      </div>
      {outcome === 'manual' ? (
        <textarea
          ref={manualRef}
          readOnly
          aria-label="Triage summary, select and copy"
          className="input h-40 w-[28rem] max-w-full font-mono text-xs"
          value={text}
        />
      ) : null}
    </div>
  );
}
