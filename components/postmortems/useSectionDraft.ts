'use client';

import { useCallback, useEffect, useRef, useState } from 'react';

export type SaveState = 'saved' | 'dirty' | 'saving' | 'error';

const AUTOSAVE_MS = 1500;

/**
 * The text of one section, never lost: while someone types it is kept locally
 * (`local`), saved 1.5 s after the last keystroke or on demand, and kept when a
 * save fails. Once saved and unchanged, the server's value shows again (the
 * caller puts the saved postmortem into the query cache before resolving).
 */
export function useSectionDraft(serverValue: string, save: (text: string) => Promise<void>) {
  const [local, setLocal] = useState<string | null>(null);
  const [state, setState] = useState<SaveState>('saved');
  const [error, setError] = useState<string | null>(null);
  const latest = useRef<string | null>(null);
  const inFlight = useRef(false);

  const flush = useCallback(async () => {
    const sent = latest.current;
    if (sent === null || inFlight.current) return;
    inFlight.current = true;
    setState('saving');
    try {
      await save(sent);
      setError(null);
      if (latest.current === sent) {
        latest.current = null;
        setLocal(null);
        setState('saved');
      } else setState('dirty'); // typed on while saving: the effect below saves again
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setState('error');
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
    latest.current = v;
    setLocal(v);
    setState('dirty');
  }, []);

  return { text: local ?? serverValue, change, flush, state, error };
}
