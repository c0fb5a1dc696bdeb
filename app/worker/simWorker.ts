/**
 * The simulation worker: the engine runs here, off the page's thread. All its logic is in
 * runner.ts; this file only connects it to the worker's messages, clock and timers.
 */
import type { FromWorker, ToWorker } from './protocol.ts';
import { Runner } from './runner.ts';

// Zero-delay callbacks go through a message channel: nested setTimeout(0) calls are clamped to
// 4 ms, which would cost a tenth of the time at full speed. Messages from the page still interleave.
const channel = new MessageChannel();
const soon: (() => void)[] = [];
channel.port1.onmessage = () => soon.shift()?.();

function schedule(callback: () => void, delayMs: number): () => void {
  if (delayMs > 0) {
    const timer = setTimeout(callback, delayMs);
    return () => clearTimeout(timer);
  }
  let cancelled = false;
  soon.push(() => {
    if (!cancelled) callback();
  });
  channel.port2.postMessage(null);
  return () => {
    cancelled = true;
  };
}

const runner = new Runner({
  post: (message: FromWorker) => self.postMessage(message),
  now: () => performance.now(),
  schedule,
});

self.onmessage = (event: MessageEvent<ToWorker>) => runner.handle(event.data);
