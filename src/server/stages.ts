/**
 * The stages `kora serve` wires into the app. Kept apart so the app itself imports no stage and tests can
 * pass fakes.
 */
import { brief } from '../brief/index.ts';
import { renderBriefHtml } from '../render/brief-html.ts';
import { renderBriefMarkdown } from '../render/brief-markdown.ts';
import { verify } from '../verify/index.ts';
import type { Stages } from './deps.ts';

/** The real brief, verify and renderers. */
export const stages: Stages = {
  brief: (store, topic, options) => brief(store, topic, options),
  verify: (store, draft) => verify(store, draft),
  renderMarkdown: renderBriefMarkdown,
  renderHtml: renderBriefHtml,
};
