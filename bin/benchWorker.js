// Entry of a `streamlab bench` worker thread: like bin/sweepWorker.js, it registers tsx itself (a
// worker does not inherit the main thread's module hooks) before loading the TypeScript it runs.
import { register } from 'tsx/esm/api';

register();
await import('./commands/benchThread.ts');
