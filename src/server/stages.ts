/**
 * The stages `kora serve` wires into the app. Kept apart so the app itself stays free of stage imports and
 * tests can pass fakes.
 */
import type { Stages } from './deps.ts';

/** Brief, verify and renderers, as far as this build has them. */
export const stages: Stages = {};
