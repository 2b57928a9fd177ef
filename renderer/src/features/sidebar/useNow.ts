// The time now, renewed every `everyMs`, for texts such as «обновлено 2 мин. назад».
import { useEffect, useState } from 'react';

/** The instant the first screen was drawn at, while that screen is drawn or taken over; null otherwise. */
let drawnAt: number | null = null;

/**
 * Makes the first render say what main's drawing said («обновлено 2 мин. назад» at main's time, so a minute turning
 * between the two does not make them differ); each clock then moves to the real time at once.
 */
export function drawAt(instant: number | null): void {
  drawnAt = instant;
}

export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => drawnAt ?? Date.now());
  useEffect(() => {
    const tick = () => setNow(Date.now());
    // From main's instant (a drawn screen) to the real one, right after the first render.
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, everyMs);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [everyMs]);
  return now;
}
