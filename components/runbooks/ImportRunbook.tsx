'use client';

import Link from 'next/link';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiClientError } from '@/components/api/client';
import type { RunbookDetailOut } from '@/lib/runbooks/types';

interface Issue { path: string; message: string; line?: number }
type Result = { action: string; runbook: { slug: string; title: string; version?: number }; dryRun?: boolean };

/** Import a YAML or Markdown runbook file: checked first, refused with the line and the reason of each problem. */
export function ImportRunbook() {
  const [content, setContent] = useState('');
  const [fileName, setFileName] = useState('');
  const [issues, setIssues] = useState<Issue[]>([]);
  const [result, setResult] = useState<Result | null>(null);
  const send = useMutation({
    mutationFn: (dryRun: boolean) => api<Result & { runbook: RunbookDetailOut }>('/api/v1/runbooks/import', { method: 'POST', body: { content, dryRun, ...(fileName.endsWith('.md') ? { format: 'markdown' } : {}) } }),
    onMutate: () => {
      setIssues([]);
      setResult(null);
    },
    onSuccess: (r) => setResult(r),
    onError: (e) => setIssues(e instanceof ApiClientError ? (e.issues as Issue[]) : []),
  });
  const lineCount = content.split('\n').length;
  const badLines = new Set(issues.map((i) => i.line).filter(Boolean));

  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <div className="space-y-2">
        <div className="flex flex-wrap items-center gap-2">
          <label className="btn cursor-pointer">
            Choose a file…
            <input
              type="file"
              accept=".yaml,.yml,.md,.markdown,text/yaml,text/markdown"
              className="sr-only"
              onChange={async (e) => {
                const f = e.target.files?.[0];
                if (!f) return;
                setFileName(f.name);
                setContent(await f.text());
                setIssues([]);
                setResult(null);
              }}
            />
          </label>
          <span className="text-xs text-muted">{fileName || 'or paste the text below'}</span>
        </div>
        <label className="label" htmlFor="import-text">YAML, or Markdown with YAML front matter</label>
        <div className="flex overflow-hidden rounded-md border border-line bg-bg">
          <pre aria-hidden className="select-none border-r border-line px-2 py-2 text-right font-mono text-xs leading-5 text-muted">
            {Array.from({ length: Math.max(lineCount, 12) }, (_, i) => (
              <span key={i} className={badLines.has(i + 1) ? 'block bg-down/20 text-down' : 'block'}>{i + 1}</span>
            ))}
          </pre>
          <textarea
            id="import-text"
            className="min-h-72 w-full resize-y bg-transparent px-2 py-2 font-mono text-xs leading-5 outline-none"
            spellCheck={false}
            wrap="off"
            value={content}
            onChange={(e) => setContent(e.target.value)}
            aria-invalid={issues.length > 0}
            aria-describedby="import-issues"
          />
        </div>
        <div className="flex gap-2">
          <button type="button" className="btn" disabled={!content.trim() || send.isPending} onClick={() => send.mutate(true)}>Check</button>
          <button type="button" className="btn btn-primary" disabled={!content.trim() || send.isPending} onClick={() => send.mutate(false)} data-testid="import-submit">Import</button>
        </div>
      </div>
      <aside className="space-y-3" aria-live="polite">
        {issues.length || (send.error && !issues.length) ? (
          <div id="import-issues" role="alert" className="rounded-md border border-down/40 bg-down/10 p-3 text-sm" data-testid="import-issues">
            <p className="font-medium text-down">✖ Refused{issues.length ? `: ${issues.length} problem${issues.length === 1 ? '' : 's'} in the file` : `: ${send.error?.message}`}</p>
            <ul className="mt-2 space-y-1.5">
              {issues.map((i, n) => (
                <li key={n}>
                  {i.line ? <span className="mr-1 rounded bg-down/20 px-1 font-mono text-xs text-down">line {i.line}</span> : null}
                  <code className="text-xs text-muted">{i.path}</code>
                  <span className="block">{i.message}</span>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {result ? (
          <div role="status" className="rounded-md border border-up/40 bg-up/10 p-3 text-sm" data-testid="import-result">
            {result.dryRun ? (
              <p>✔ Valid. Importing would {result.action === 'create' ? 'create a new runbook' : 'add a new version of'} <strong>{result.runbook.title}</strong> ({result.runbook.slug}).</p>
            ) : (
              <p>
                ✔ {result.action === 'create' ? 'Created' : result.action === 'new-version' ? `Saved as version ${result.runbook.version} of` : 'Nothing changed in'}{' '}
                <Link className="text-accent underline" href={`/runbooks/${result.runbook.slug}`}>{result.runbook.title}</Link>.
              </p>
            )}
          </div>
        ) : null}
        <div className="card p-3 text-xs text-muted">
          <p>The same format as an export. A file whose slug exists becomes a new version of that runbook (running checklists keep theirs); an unchanged file changes nothing.</p>
        </div>
      </aside>
    </div>
  );
}
