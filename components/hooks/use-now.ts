import { useEffect, useState } from 'preact/hooks';

/** Epoch ms, re-read every `intervalMs`, so relative times ("12 s ago", undo countdowns) stay true. */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
