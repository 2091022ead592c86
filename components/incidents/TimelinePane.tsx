'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { api } from '@/components/api/client';
import { FormError } from '@/components/ui/FieldError';
import { formatDateTime } from '@/components/ui/time';
import type { EventType, TimelineEventOut } from '@/lib/incidents/types';
import { EVENT_META } from './Badges';
import { timelineKey } from './keys';
import { useTimeline } from './useTimeline';

const FILTERS: { id: string; label: string; types: EventType[] | null }[] = [
  { id: 'all', label: 'Everything', types: null },
  { id: 'people', label: 'Notes & updates', types: ['note', 'update', 'correction'] },
  { id: 'changes', label: 'Status, severity, roles', types: ['declared', 'status', 'severity', 'role', 'acknowledged', 'postmortem'] },
  { id: 'system', label: 'Alerts & deploys', types: ['alert_opened', 'alert_resolved', 'deploy'] },
  { id: 'checklists', label: 'Checklists', types: ['checklist'] },
];

const FORM_FIELD = 'input, textarea, select, [contenteditable=""], [contenteditable="true"]';
const hms = (iso: string) => iso.slice(11, 19);

function EventRow({ e, corrections, canWrite, canCorrect, onPin, onCorrect }: {
  e: TimelineEventOut;
  corrections: TimelineEventOut[];
  canWrite: boolean;
  canCorrect: boolean;
  onPin: (e: TimelineEventOut) => void;
  onCorrect: (e: TimelineEventOut, text: string) => Promise<void>;
}) {
  const meta = EVENT_META[e.type];
  const [editing, setEditing] = useState(false);
  const current = corrections.at(-1);
  const [text, setText] = useState(current?.body ?? e.body);
  const human = e.type === 'note' || e.type === 'update';
  return (
    <li className={`group grid grid-cols-[4.5rem_1fr] gap-x-2 border-b border-line/50 px-3 py-2 ${e.pinned ? 'bg-accent/5' : ''} ${e.type === 'update' ? 'border-l-2 border-l-accent/60' : ''}`} data-event-type={e.type} data-event-id={e.id}>
      <time dateTime={e.at} title={formatDateTime(e.at)} className="pt-0.5 font-mono text-xs text-muted tabular-nums">{hms(e.at)}</time>
      <div className="min-w-0">
        <div className="flex flex-wrap items-center gap-x-2 text-xs">
          <span className={`inline-flex items-center gap-1 font-medium ${meta.text}`}>
            <span aria-hidden>{meta.icon}</span>
            {meta.label}
          </span>
          <span className="truncate text-muted">{e.actor}</span>
          {e.pinned ? <span className="rounded bg-accent/15 px-1 text-[10px] font-medium uppercase tracking-wide text-accent">pinned</span> : null}
          <span className="ml-auto flex gap-2 opacity-70 group-hover:opacity-100 group-focus-within:opacity-100">
            {canWrite ? (
              <button type="button" className="text-muted hover:text-fg" onClick={() => onPin(e)} aria-label={`${e.pinned ? 'Unpin' : 'Pin'} event of ${hms(e.at)}`}>
                {e.pinned ? 'Unpin' : 'Pin'}
              </button>
            ) : null}
            {canCorrect && human && !editing ? (
              <button type="button" className="text-muted hover:text-fg" onClick={() => setEditing(true)}>Correct</button>
            ) : null}
          </span>
        </div>
        {current ? (
          <>
            <p className="mt-0.5 whitespace-pre-wrap break-words text-sm text-muted line-through decoration-muted/60">{e.body}</p>
            <p className="mt-0.5 whitespace-pre-wrap break-words text-sm">
              <span className="mr-1 text-xs text-muted">↺ corrected {hms(current.at)} by {current.actor}:</span>
              {current.body}
            </p>
          </>
        ) : (
          <p className={`mt-0.5 whitespace-pre-wrap break-words text-sm ${human ? '' : 'text-fg/90'}`}>{e.body}</p>
        )}
        {editing ? (
          <form
            className="mt-1.5 space-y-1.5"
            onSubmit={async (ev) => {
              ev.preventDefault();
              await onCorrect(e, text);
              setEditing(false);
            }}
          >
            <textarea className="input min-h-16" value={text} onChange={(ev) => setText(ev.target.value)} aria-label="Corrected text" autoFocus />
            <div className="flex gap-2">
              <button type="submit" className="btn btn-primary py-1" disabled={!text.trim()}>Save correction</button>
              <button type="button" className="btn py-1" onClick={() => setEditing(false)}>Cancel</button>
              <span className="self-center text-xs text-muted">The original stays visible, struck through.</span>
            </div>
          </form>
        ) : null}
      </div>
    </li>
  );
}

/** The live timeline: oldest first, newest at the bottom where the note box is; "n" jumps to it. */
export function TimelinePane({ incidentId, initialEvents, canWrite, canCorrectAll, actorLabel, closed }: {
  incidentId: string;
  initialEvents?: TimelineEventOut[];
  canWrite: boolean;
  canCorrectAll: boolean;
  actorLabel: string;
  closed: boolean;
}) {
  const timeline = useTimeline(incidentId, initialEvents);
  const qc = useQueryClient();
  const [filter, setFilter] = useState('all');
  const [note, setNote] = useState('');
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const stick = useRef(true);

  const events = useMemo(() => timeline.data ?? [], [timeline.data]);
  const corrections = useMemo(() => {
    const map = new Map<string, TimelineEventOut[]>();
    for (const e of events) if (e.type === 'correction' && e.correctsId) map.set(e.correctsId, [...(map.get(e.correctsId) ?? []), e]);
    return map;
  }, [events]);
  const types = FILTERS.find((f) => f.id === filter)?.types ?? null;
  // Corrections are shown with the entry they correct, not as rows of their own.
  const shown = events.filter((e) => e.type !== 'correction' && (!types || types.includes(e.type)));
  const pinned = events.filter((e) => e.pinned);

  const refresh = () => qc.invalidateQueries({ queryKey: timelineKey(incidentId) });
  const post = useMutation({
    mutationFn: (body: string) => api(`/api/v1/incidents/${incidentId}/events`, { method: 'POST', body: { type: 'note', body } }),
    onSuccess: async () => {
      setNote('');
      stick.current = true;
      await refresh();
    },
  });
  const patch = useMutation({
    mutationFn: (v: { id: string; body: { pinned: boolean } | { correction: string } }) => api(`/api/v1/incidents/${incidentId}/events/${v.id}`, { method: 'PATCH', body: v.body }),
    onSuccess: refresh,
  });

  // "n" anywhere on the page (outside a form field) starts a note.
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.key !== 'n' || e.metaKey || e.ctrlKey || e.altKey || e.defaultPrevented) return;
      const t = e.target instanceof HTMLElement ? e.target : null;
      if (t?.closest(FORM_FIELD) || t?.closest('dialog')) return;
      if (!noteRef.current) return;
      e.preventDefault();
      noteRef.current.focus();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // Follow new events while the reader is at the bottom; leave them alone when they scrolled up.
  useLayoutEffect(() => {
    const el = listRef.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [shown.length, filter]);

  const error = post.error ?? patch.error;
  return (
    <section aria-labelledby="timeline-h" className="card flex min-h-[28rem] flex-col lg:h-[calc(100vh-11rem)]" data-testid="timeline">
      <div className="flex flex-wrap items-center gap-2 border-b border-line px-3 py-2">
        <h2 id="timeline-h" className="text-sm font-semibold">Timeline</h2>
        <span className="text-xs text-muted">{timeline.isPending ? 'loading…' : `${events.length} ${events.length === 1 ? 'entry' : 'entries'} · live`}</span>
        <label className="sr-only" htmlFor="timeline-filter">Show</label>
        <select id="timeline-filter" className="input ml-auto w-auto py-1 text-xs" value={filter} onChange={(e) => setFilter(e.target.value)}>
          {FILTERS.map((f) => <option key={f.id} value={f.id}>{f.label}</option>)}
        </select>
      </div>

      {pinned.length > 0 ? (
        <div className="border-b border-line bg-accent/5 px-3 py-1.5" aria-label="Pinned">
          <p className="label mb-0.5">Pinned</p>
          <ul className="space-y-0.5 text-xs">
            {pinned.map((e) => (
              <li key={e.id} className="truncate">
                <span className="mr-1.5 font-mono text-muted">{hms(e.at)}</span>
                {(corrections.get(e.id)?.at(-1) ?? e).body}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <div
        ref={listRef}
        className="min-h-0 flex-1 overflow-y-auto"
        onScroll={(e) => {
          const el = e.currentTarget;
          stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
        }}
      >
        {timeline.isPending ? <p className="p-3 text-sm text-muted">Loading the timeline…</p> : null}
        {timeline.isError && !timeline.data ? <p role="alert" className="p-3 text-sm text-down">Could not load the timeline: {timeline.error.message}</p> : null}
        <ol aria-live="polite" aria-relevant="additions">
          {shown.map((e) => (
            <EventRow
              key={e.id}
              e={e}
              corrections={corrections.get(e.id) ?? []}
              canWrite={canWrite && !closed}
              canCorrect={canWrite && !closed && (canCorrectAll || e.actor === actorLabel)}
              onPin={(x) => patch.mutate({ id: x.id, body: { pinned: !x.pinned } })}
              onCorrect={async (x, text) => {
                await patch.mutateAsync({ id: x.id, body: { correction: text } });
              }}
            />
          ))}
        </ol>
        {shown.length === 0 && !timeline.isPending ? <p className="p-3 text-sm text-muted">Nothing of this kind yet.</p> : null}
      </div>

      {timeline.isError && timeline.data ? <p role="status" className="px-3 py-1 text-xs text-degraded">▲ Live updates paused: {timeline.error.message}</p> : null}
      {canWrite && !closed ? (
        <form
          className="border-t border-line p-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (note.trim() && !post.isPending) post.mutate(note.trim());
          }}
        >
          <FormError error={error?.message} />
          <div className="flex items-end gap-2">
            <label htmlFor="quick-note" className="sr-only">Add a note</label>
            <textarea
              id="quick-note"
              ref={noteRef}
              className="input min-h-10 flex-1 resize-y"
              rows={2}
              placeholder="Add a note… (press n to jump here; Enter posts, Shift+Enter for a new line)"
              value={note}
              onChange={(e) => setNote(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
                  e.preventDefault();
                  e.currentTarget.form?.requestSubmit();
                }
                if (e.key === 'Escape') e.currentTarget.blur();
              }}
              data-testid="quick-note"
            />
            <button type="submit" className="btn btn-primary" disabled={!note.trim() || post.isPending}>Post</button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
