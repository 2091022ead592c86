'use client';

import { useState } from 'react';

/** A command shown to copy and run by hand; the console never executes it. */
export function CommandBlock({ command, shell }: { command: string; shell?: string }) {
  const [copied, setCopied] = useState<'idle' | 'ok' | 'fail'>('idle');
  async function copy() {
    try {
      await navigator.clipboard.writeText(command.trimEnd());
      setCopied('ok');
    } catch {
      setCopied('fail');
    }
    setTimeout(() => setCopied('idle'), 2500);
  }
  return (
    <div className="overflow-hidden rounded-md border border-line bg-bg" data-testid="command">
      <div className="flex items-center justify-between border-b border-line px-2.5 py-1 text-[11px] text-muted">
        <span>{shell ?? 'shell'} · run it yourself — opsdeck never executes commands</span>
        <span className="flex items-center gap-2">
          <span role="status">{copied === 'ok' ? '✔ Copied' : copied === 'fail' ? 'Select the text to copy' : ''}</span>
          <button type="button" className="rounded px-1.5 py-0.5 text-fg hover:bg-panel-2" onClick={copy} aria-label="Copy command">
            ⧉ Copy
          </button>
        </span>
      </div>
      <pre className="overflow-x-auto px-3 py-2 font-mono text-xs leading-relaxed"><code>{command.trimEnd()}</code></pre>
    </div>
  );
}
