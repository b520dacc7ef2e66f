/**
 * The verify view: the draft redrawn with each claim as a button coloured by its label; pressing one
 * shows its evidence, and each piece of evidence opens in its source.
 */
import type { ClaimReport, VerdictLabel, VerifyReport } from '../src/core/model.ts';
import { verifyDraft } from './api.ts';
import { byId, h, replace } from './dom.ts';
import { openSource } from './source-view.ts';

const LABELS: Record<VerdictLabel, string> = {
  supported: 'Supported',
  contradicted: 'Contradicted',
  unsupported: 'Unsupported',
};

/** Renders a report over its draft into `container`. */
export function renderReport(draft: string, report: VerifyReport, container: HTMLElement): void {
  const evidence = h('div', { class: 'evidence', attrs: { id: 'verify-evidence', 'aria-live': 'polite' } });
  const text = h('div', { class: 'draft' });
  let cursor = 0;
  const claims = [...report.claims].sort((a, b) => a.start - b.start);
  for (const [i, claim] of claims.entries()) {
    // overlapping claims cannot both be drawn inline; the later one is still listed in the summary counts
    if (claim.start < cursor) continue;
    text.append(draft.slice(cursor, claim.start));
    // a span with the button role, not a <button>: buttons are always inline blocks and would break a
    // claim that wraps over lines out of the running text
    const select = () => {
      for (const b of text.querySelectorAll('.claim[aria-pressed="true"]')) b.setAttribute('aria-pressed', 'false');
      button.setAttribute('aria-pressed', 'true');
      showEvidence(claim, evidence);
    };
    const button = h(
      'span',
      {
        class: `claim label-${claim.label}`,
        attrs: {
          role: 'button',
          tabindex: '0',
          'data-label': claim.label,
          'aria-label': `Claim ${i + 1}, ${LABELS[claim.label]}: ${claim.text}`,
        },
        on: {
          click: select,
          keydown: (event) => {
            if (event.key !== 'Enter' && event.key !== ' ') return;
            event.preventDefault();
            select();
          },
        },
      },
      draft.slice(claim.start, claim.end),
    );
    button.setAttribute('aria-pressed', 'false');
    text.append(button);
    cursor = claim.end;
  }
  text.append(draft.slice(cursor));
  const summary = h(
    'ul',
    { class: 'summary', attrs: { 'aria-label': 'Claims by label' } },
    ...(Object.keys(LABELS) as VerdictLabel[]).map((label) =>
      h('li', { class: `chip label-${label}` }, `${LABELS[label]}: ${report.summary[label] ?? 0}`),
    ),
  );
  const hint = report.claims.length
    ? 'Press a claim to see its evidence.'
    : 'No checkable claims found: a claim is a sentence that states something.';
  replace(container, summary, text, h('p', { class: 'muted hint' }, hint), evidence);
}

function showEvidence(claim: ClaimReport, container: HTMLElement): void {
  replace(
    container,
    h('h3', {}, `${LABELS[claim.label]} (support ${claim.score.toFixed(2)})`),
    h('blockquote', { class: 'claim-text' }, claim.text),
    claim.evidence.length
      ? h(
          'ol',
          { class: 'evidence-list' },
          ...claim.evidence.map((e) =>
            h(
              'li',
              {},
              h('q', {}, e.quote),
              ' ',
              h(
                'button',
                { class: 'link', attrs: { type: 'button' }, on: { click: () => void openSource(e) } },
                'open in source',
              ),
            ),
          ),
        )
      : h('p', { class: 'muted' }, 'No evidence in the library.'),
  );
}

/** Wires the verify form. */
export function initVerifyView(): void {
  const form = byId<HTMLFormElement>('verify-form');
  const draft = byId<HTMLTextAreaElement>('draft');
  const result = byId('verify-result');
  const error = byId('verify-error');
  const status = byId('verify-status');
  const submit = byId<HTMLButtonElement>('verify-submit');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    replace(error);
    submit.disabled = true;
    result.setAttribute('aria-busy', 'true');
    const text = draft.value;
    try {
      replace(status, 'Checking the draft…');
      const report = await verifyDraft(text);
      renderReport(text, report, result);
      const { supported, contradicted, unsupported } = report.summary;
      replace(
        status,
        `${report.claims.length} claims: ${supported} supported, ${contradicted} contradicted, ${unsupported} unsupported.`,
      );
    } catch (e) {
      replace(error, (e as Error).message);
    } finally {
      submit.disabled = false;
      result.setAttribute('aria-busy', 'false');
    }
  });
}
