// A whole turn of the event loop between two chunks of synchronous work (storing, pruning, folding).
//
// One `setImmediate` is not enough: work that resumes in the poll phase (after a worker's message or a response)
// schedules its immediate for the check phase of the same turn, which comes before the timers phase, so two chunks ran
// back to back and due timers waited for both (measured: 35-40 ms gaps of two 100-event transactions each). The second
// immediate is always in the next turn's check phase, so the timers and the poll for I/O run in between. On an idle
// loop both cost microseconds: a pending immediate keeps the poll from waiting.
import { setImmediate as nextImmediate } from 'node:timers/promises';

export async function turnOfTheLoop(): Promise<void> {
  await nextImmediate();
  await nextImmediate();
}
