// Entry of a `streamlab validate-model` worker thread: a worker does not inherit the main thread's
// module hooks, so it registers tsx itself before loading the TypeScript that runs the checks.
import { register } from 'tsx/esm/api';

register();
await import('./commands/validateThread.ts');
