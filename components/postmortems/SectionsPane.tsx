'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { ApiClientError } from '@/components/api/client';
import { formatDateTime, relativeTime } from '@/components/ui/time';
import { SECTIONS, type SectionKey } from '@/lib/postmortems/states';
import type { CommentOut, PostmortemOut } from '@/lib/postmortems/types';
import { postmortemKey } from './keys';
import { usePostmortemCall } from './useSavePostmortem';
import { useSectionDraft, type SaveState } from './useSectionDraft';

// The narrative: one editor per blameless section, each saving itself, with
// its review comments under it.

const SAVE_TEXT: Record<SaveState, string> = { saved: 'Saved', dirty: 'Unsaved changes', saving: 'Saving…', error: 'Not saved', conflict: 'Changed by someone else' };

function SectionEditor({ pm, section, canEdit, canComment, comments, onDirty }: {
  pm: PostmortemOut;
  section: (typeof SECTIONS)[number];
  canEdit: boolean;
  canComment: boolean;
  comments: CommentOut[];
  onDirty: (key: SectionKey, dirty: boolean) => void;
}) {
  const call = usePostmortemCall(pm.id);
  const save = useCallback(
    (text: string, base: string) => call(`/api/v1/postmortems/${pm.id}`, 'PATCH', { sections: { [section.key]: text }, base: { [section.key]: base } }),
    [call, pm.id, section.key],
  );
  const draft = useSectionDraft(pm.sections[section.key], save);
  const id = `section-${section.key}`;
  useEffect(() => onDirty(section.key, draft.state !== 'saved'), [draft.state, onDirty, section.key]);
  // On a conflict, fetch the other text at once so it can be compared (and overwritten knowingly).
  const qc = useQueryClient();
  useEffect(() => {
    if (draft.state === 'conflict') void qc.invalidateQueries({ queryKey: postmortemKey(pm.id) });
  }, [draft.state, qc, pm.id]);

  return (
    <section aria-labelledby={`${id}-h`} className="card p-3" data-section={section.key}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id={`${id}-h`} className="text-sm font-semibold">
          <label htmlFor={id}>{section.label}</label>
        </h3>
        {canEdit ? (
          <span className={`no-print text-xs ${draft.state === 'error' || draft.state === 'conflict' ? 'text-down' : draft.state === 'saved' ? 'text-muted' : 'text-degraded'}`} aria-live="polite" data-save-state={draft.state}>
            {draft.state === 'saved' ? '✔ ' : draft.state === 'error' || draft.state === 'conflict' ? '✖ ' : '● '}
            {SAVE_TEXT[draft.state]}
          </span>
        ) : null}
      </div>
      <p className="no-print mb-1.5 text-xs text-muted">{section.hint}</p>
      {canEdit ? (
        <>
          <textarea
            id={id}
            className="input min-h-20 font-sans leading-relaxed print:hidden"
            rows={Math.min(14, Math.max(3, draft.text.split('\n').length + 1))}
            value={draft.text}
            onChange={(e) => draft.change(e.target.value)}
            onBlur={() => void draft.flush()}
            placeholder="Not written yet"
          />
          <div className="print-only whitespace-pre-wrap text-sm">{draft.text || 'Not written yet.'}</div>
          {draft.state === 'conflict' ? (
            <div role="alert" className="mt-1 rounded-md border border-degraded/40 bg-degraded/10 p-2 text-xs text-degraded" data-testid={`conflict-${section.key}`}>
              <p>{draft.error}</p>
              <p className="mt-1 text-muted">Their text now:</p>
              <p className="whitespace-pre-wrap text-fg">{pm.sections[section.key] || '(empty)'}</p>
              <div className="mt-1.5 flex gap-2">
                <button type="button" className="btn py-0.5 text-xs" onClick={draft.overwrite}>Keep mine</button>
                <button type="button" className="btn py-0.5 text-xs" onClick={draft.discard}>Take theirs</button>
              </div>
            </div>
          ) : draft.error ? (
            <p role="alert" className="mt-1 text-xs text-down">
              Could not save: {draft.error}. Your text is kept here; <button type="button" className="underline" onClick={() => void draft.flush()}>try again</button>.
            </p>
          ) : null}
          <div className="no-print mt-1.5 flex justify-end">
            <button type="button" className="btn py-1 text-xs" onClick={() => void draft.flush()} disabled={draft.state === 'saved' || draft.state === 'saving'} data-testid={`save-${section.key}`}>
              Save {section.label.toLowerCase()}
            </button>
          </div>
        </>
      ) : (
        <div id={id} className={`whitespace-pre-wrap text-sm ${pm.sections[section.key] ? '' : 'text-muted'}`}>{pm.sections[section.key] || 'Not written yet.'}</div>
      )}
      <Comments pm={pm} section={section.key} comments={comments} canComment={canComment} />
    </section>
  );
}

function Comments({ pm, section, comments, canComment }: { pm: PostmortemOut; section: SectionKey; comments: CommentOut[]; canComment: boolean }) {
  const call = usePostmortemCall(pm.id);
  const [open, setOpen] = useState(false);
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await call(`/api/v1/postmortems/${pm.id}/comments`, 'POST', { section, body });
      setBody('');
      setError(null);
    } catch (err) {
      setError(err instanceof ApiClientError ? (err.field('body') ?? err.message) : String(err));
    } finally {
      setBusy(false);
    }
  };
  if (comments.length === 0 && !canComment) return null;
  return (
    <div className={`mt-2 border-t border-line/60 pt-2 ${comments.length === 0 ? 'no-print' : ''}`}>
      {comments.length === 0 && !open ? (
        <button type="button" className="no-print text-xs text-muted hover:text-fg" onClick={() => setOpen(true)} data-testid={`comments-toggle-${section}`}>
          + Add a comment
        </button>
      ) : (
        <p className="text-xs text-muted">{comments.length === 0 ? 'No comments yet' : `${comments.length} comment${comments.length === 1 ? '' : 's'}`}</p>
      )}
      {comments.length > 0 ? (
        <ul className="mt-1 space-y-1" data-testid={`comments-${section}`}>
          {comments.map((c) => (
            <li key={c.id} className="rounded-md bg-panel-2 px-2 py-1 text-xs">
              <span className="font-medium">{c.author}</span> <time dateTime={c.at} title={formatDateTime(c.at)} className="text-muted">{relativeTime(c.at)}</time>
              <p className="whitespace-pre-wrap">{c.body}</p>
            </li>
          ))}
        </ul>
      ) : null}
      {canComment && (open || comments.length > 0) ? (
        <form onSubmit={submit} className="no-print mt-1.5 flex gap-2">
          <label htmlFor={`comment-${section}`} className="sr-only">Comment on this section</label>
          <input id={`comment-${section}`} className="input py-1 text-xs" value={body} onChange={(e) => setBody(e.target.value)} placeholder="Ask or suggest something about this section" aria-invalid={!!error} maxLength={5000} />
          <button type="submit" className="btn py-1 text-xs" disabled={busy || body.trim() === ''}>Comment</button>
        </form>
      ) : null}
      {error ? <p role="alert" className="mt-1 text-xs text-down">{error}</p> : null}
    </div>
  );
}

export function SectionsPane({ pm, canEdit, canComment }: { pm: PostmortemOut; canEdit: boolean; canComment: boolean }) {
  const [dirty, setDirty] = useState<Record<string, boolean>>({});
  const onDirty = useCallback((key: SectionKey, d: boolean) => setDirty((prev) => (prev[key] === d ? prev : { ...prev, [key]: d })), []);
  const anyDirty = Object.values(dirty).some(Boolean);
  // Leaving with unsaved text asks first.
  useEffect(() => {
    if (!anyDirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [anyDirty]);
  const general = pm.comments.filter((c) => c.section === 'general');
  return (
    <div className="space-y-3" data-testid="sections">
      {SECTIONS.map((s) => (
        <SectionEditor key={s.key} pm={pm} section={s} canEdit={canEdit} canComment={canComment} comments={pm.comments.filter((c) => c.section === s.key)} onDirty={onDirty} />
      ))}
      {general.length > 0 ? (
        <section className="card p-3 text-xs">
          <h3 className="text-sm font-semibold">General comments</h3>
          <ul className="mt-1 space-y-1">
            {general.map((c) => (
              <li key={c.id}><span className="font-medium">{c.author}</span>: {c.body}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
