'use client';

import { useEffect, useRef } from 'react';

interface Options {
  searchRef: React.RefObject<HTMLInputElement | null>;
  /** Ids of the rows in the order shown (after filtering). */
  ids: string[];
  selectedId: string | null;
  select: (id: string, index: number) => void;
  open: (id: string) => void;
  /** Clears the search; false when there was nothing to clear. */
  clearSearch: () => boolean;
}

const FORM_FIELD = 'input, textarea, select, [contenteditable=""], [contenteditable="true"]';

/** The row's link, where the selection puts the focus (so Enter and Tab behave as usual). */
export function focusRow(id: string) {
  const link = document.querySelector<HTMLElement>(`[data-row-id="${CSS.escape(id)}"] [data-row-link]`);
  link?.focus();
  link?.closest('[data-row-id]')?.scrollIntoView({ block: 'nearest' });
}

/**
 * "/" focuses the search; j/k or ↓/↑ move the selection through the rows (from the search
 * box too); Enter opens the selected service; Esc clears the search. Keys typed into a form
 * field are left alone, except ↓/↑/Enter/Esc in the search box.
 */
export function useDashboardKeys(opts: Options) {
  // The listener is installed once and reads the latest options from a ref.
  const latest = useRef(opts);
  useEffect(() => {
    latest.current = opts;
  });

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.altKey || e.isComposing) return;
      const { searchRef, ids, selectedId, select, open, clearSearch } = latest.current;
      const target = e.target instanceof HTMLElement ? e.target : null;
      const inSearch = !!target && target === searchRef.current;
      const typing = !!target?.closest(FORM_FIELD);
      // A dialog or menu open elsewhere owns its keys.
      if (target?.closest('[role="dialog"], [role="menu"], [role="listbox"]')) return;

      if (e.key === '/' && !typing) {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
        return;
      }
      if (e.key === 'Escape' && (inSearch || !typing)) {
        if (clearSearch()) e.preventDefault();
        else if (inSearch) searchRef.current?.blur();
        return;
      }
      if (typing && !inSearch) return;

      const down = e.key === 'ArrowDown' || (!typing && e.key === 'j');
      const up = e.key === 'ArrowUp' || (!typing && e.key === 'k');
      if ((down || up) && ids.length > 0) {
        e.preventDefault();
        const at = selectedId ? ids.indexOf(selectedId) : -1;
        const next = at < 0 ? (down ? 0 : ids.length - 1) : Math.min(ids.length - 1, Math.max(0, at + (down ? 1 : -1)));
        select(ids[next], next);
        return;
      }
      // On a focused link the browser follows it; from the search box or nowhere, we do.
      if (e.key === 'Enter' && selectedId && ids.includes(selectedId) && (inSearch || !target || target === document.body)) {
        e.preventDefault();
        open(selectedId);
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
