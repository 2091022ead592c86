'use client';

import { useEffect, useState } from 'react';

/**
 * The current time, ticking every `everyMs`, starting from `start`: pass the
 * server's "now" of the data the page was rendered with, so that the server's
 * HTML and the browser's first render agree (no hydration mismatch on clocks).
 */
export function useTicker(start: number, everyMs = 1_000): number {
  const [now, setNow] = useState(start);
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}
