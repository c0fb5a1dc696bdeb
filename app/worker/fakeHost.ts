/**
 * For tests: a {@link Runner} on a fake wall clock and fake timers, with everything it posts.
 * Not used by the app.
 */
import type { FromWorker, UpdateMessage } from './protocol.ts';
import { Runner } from './runner.ts';

/**
 * A host with a fake wall clock and timers; `ticks` records each timer callback's start and end on
 * the wall clock.
 */
export function fakeHost() {
  let wall = 0;
  let nextId = 0;
  const timers: { at: number; id: number; callback: () => void }[] = [];
  const posted: FromWorker[] = [];
  const ticks: { start: number; end: number }[] = [];
  const listeners: ((message: FromWorker) => void)[] = [];
  const runner = new Runner({
    // Cloned, as postMessage does: nothing the page receives may share arrays with the engine.
    post: (message) => {
      const copy = structuredClone(message);
      posted.push(copy);
      for (const listener of listeners) listener(copy);
    },
    now: () => wall,
    schedule: (callback, delayMs) => {
      const timer = { at: wall + delayMs, id: nextId++, callback };
      timers.push(timer);
      return () => {
        const index = timers.indexOf(timer);
        if (index >= 0) timers.splice(index, 1);
      };
    },
  });
  return {
    runner,
    posted,
    /** Also hands every posted message to `listener`, as the worker's onmessage would. */
    listen(listener: (message: FromWorker) => void) {
      listeners.push(listener);
    },
    ticks,
    get wall() {
      return wall;
    },
    /** Wall time spent inside a callback (by a slow engine). */
    elapseInside(ms: number) {
      wall += ms;
    },
    /** Lets `ms` of wall time pass, firing the timers due in it. */
    elapse(ms: number) {
      const until = wall + ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at || a.id - b.id);
        if (timers.length === 0 || timers[0].at > until) break;
        const timer = timers.shift()!;
        wall = Math.max(wall, timer.at);
        const start = wall;
        timer.callback();
        ticks.push({ start, end: wall });
      }
      wall = Math.max(wall, until);
    },
    updates: () => posted.filter((m): m is UpdateMessage => m.type === 'update'),
    last: () => posted.filter((m): m is UpdateMessage => m.type === 'update').at(-1)!,
  };
}
