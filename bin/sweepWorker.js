// Entry of a `streamlab sweep` worker thread: a worker does not inherit the main thread's module
// hooks, so it registers tsx itself before loading the TypeScript that runs the jobs.
import { register } from 'tsx/esm/api';

register();
await import('./commands/sweepThread.ts');
