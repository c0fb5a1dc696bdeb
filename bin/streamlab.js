#!/usr/bin/env node
// Entry for `npx streamlab`: registers tsx so the TypeScript sources run with no build step.
import { register } from 'tsx/esm/api';

register();
await import('./cli.ts');
