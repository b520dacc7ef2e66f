// Worker bootstrap in plain JavaScript: registers tsx inside the worker, so the TypeScript worker loads the same
// way whether the parent was started with `--import tsx`, through bin/kora.js (tsx's register API) or by tests.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
