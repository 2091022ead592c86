'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiClientError } from '@/components/api/client';

export type SaveState = 'saved' | 'dirty' | 'saving' | 'error' | 'conflict';

const AUTOSAVE_MS = 1500;

/**
 * The text of one section, never lost: while someone types it is kept locally
 * (`local`), saved 1.5 s after the last keystroke or on demand, and kept when a
 * save fails. Each save says what it started from (`base`): if someone else
 * saved the section meanwhile the server refuses (409) and the writer chooses
 * to keep theirs (overwrite) or take the other text. Once saved and unchanged,
 * the server's value shows again (the caller puts the saved postmortem into
 * the query cache before resolving).
 */
export function useSectionDraft(serverValue: string, save: (text: string, base: string) => Promise<void>) {
  const [local, setLocal] = useState<string | null>(null);
  const [state, setState] = useState<SaveState>('saved');
  const [error, setError] = useState<string | null>(null);
  const latest = useRef<string | null>(null);
  const base = useRef<string>(serverValue);
  const server = useRef(serverValue);
  const inFlight = useRef(false);

  useEffect(() => {
    server.current = serverValue;
  }, [serverValue]);

  const flush = useCallback(async () => {
    const sent = latest.current;
    if (sent === null || inFlight.current) return;
    inFlight.current = true;
    setState('saving');
    try {
      await save(sent, base.current);
      base.current = sent;
      setError(null);
      if (latest.current === sent) {
        latest.current = null;
        setLocal(null);
        setState('saved');
      } else setState('dirty'); // typed on while saving: the effect below saves again
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setState(e instanceof ApiClientError && e.status === 409 && /Someone else saved/.test(e.message) ? 'conflict' : 'error');
    } finally {
      inFlight.current = false;
    }
  }, [save]);

  useEffect(() => {
    if (state !== 'dirty') return;
    const t = setTimeout(() => void flush(), AUTOSAVE_MS);
    return () => clearTimeout(t);
  }, [state, local, flush]);

  const change = useCallback((v: string) => {
    if (latest.current === null) base.current = server.current; // starting to edit from what is shown
    latest.current = v;
    setLocal(v);
    setState((s) => (s === 'conflict' ? s : 'dirty'));
  }, []);

  /** After a conflict: write this text over the other one. */
  const overwrite = useCallback(() => {
    base.current = server.current;
    void flush();
  }, [flush]);

  /** After a conflict: drop this text and show the other one. */
  const discard = useCallback(() => {
    latest.current = null;
    setLocal(null);
    setError(null);
    setState('saved');
  }, []);

  return { text: local ?? serverValue, change, flush, overwrite, discard, state, error };
}
