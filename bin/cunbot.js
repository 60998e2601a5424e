#!/usr/bin/env node
// Runs the TypeScript sources directly, so `npx cunbot` after a clone never meets a stale build.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
