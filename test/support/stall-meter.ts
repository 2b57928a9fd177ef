// The longest time the event loop was held: a 1 ms timer notes the gap between its turns. A gap beyond the timer's
// period is time the loop spent in synchronous work (a transaction, a JSON parse) and nothing else could run.
import { setImmediate as nextTurn } from 'node:timers/promises';

export interface StallMeter {
  /** Stops the timer; the longest gap seen, in ms. */
  stop(): Promise<number>;
}

export async function startStallMeter(): Promise<StallMeter> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  // Let the timer take its first turn, so the work measured starts after it.
  await new Promise((resolve) => setTimeout(resolve, 3));
  last = performance.now();
  return {
    async stop() {
      await nextTurn();
      await new Promise((resolve) => setTimeout(resolve, 2));
      clearInterval(timer);
      return longest;
    },
  };
}
