/** The page's entry point: wires the library, the brief and verify views, and the tabs. */
import { initBriefView } from './brief-view.ts';
import { byId } from './dom.ts';
import { initLibrary } from './library.ts';
import { initSourceView } from './source-view.ts';
import { initVerifyView } from './verify-view.ts';

/** Tabs per the WAI-ARIA pattern: click or arrow keys switch, only the selected tab is in the tab order. */
function initTabs(): void {
  const tabs = [byId<HTMLButtonElement>('tab-brief'), byId<HTMLButtonElement>('tab-verify')];
  const select = (tab: HTMLButtonElement, focus: boolean) => {
    for (const t of tabs) {
      const on = t === tab;
      t.setAttribute('aria-selected', String(on));
      t.tabIndex = on ? 0 : -1;
      byId(t.getAttribute('aria-controls')!).hidden = !on;
    }
    if (focus) tab.focus();
  };
  for (const [i, tab] of tabs.entries()) {
    tab.addEventListener('click', () => select(tab, false));
    tab.addEventListener('keydown', (event) => {
      const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
      if (step) select(tabs[(i + step + tabs.length) % tabs.length]!, true);
    });
  }
}

function init(): void {
  initTabs();
  initSourceView();
  initLibrary();
  initBriefView();
  initVerifyView();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
