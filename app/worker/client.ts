/**
 * The page's end of the simulation worker: starts it (Vite bundles simWorker.ts as a module worker)
 * and passes messages both ways.
 */
import type { FromWorker, ToWorker } from './protocol.ts';

export interface SimClient {
  send(message: ToWorker): void;
  /** Every message from the worker goes to `listener`, in order. */
  listen(listener: (message: FromWorker) => void): void;
  terminate(): void;
}

export function createSimClient(): SimClient {
  const worker = new Worker(new URL('./simWorker.ts', import.meta.url), { type: 'module', name: 'streamlab-engine' });
  return {
    send: (message) => worker.postMessage(message),
    listen: (listener) => {
      worker.onmessage = (event: MessageEvent<FromWorker>) => listener(event.data);
      worker.onerror = (event) => listener({ type: 'error', message: event.message || 'the simulation worker failed to start' });
    },
    terminate: () => worker.terminate(),
  };
}
