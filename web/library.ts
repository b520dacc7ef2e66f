/** The library panel: drop or choose files, paste URLs, follow the ingest job, list and remove sources. */
import { addUrls, getJob, type Job, listSources, removeSource, uploadFiles } from './api.ts';
import { byId, h, replace } from './dom.ts';

/** How often a running job is polled, in milliseconds. */
const POLL_MS = 250;

/** Reloads the source list. */
export async function refreshLibrary(): Promise<void> {
  const list = byId('source-list');
  const count = byId('library-count');
  try {
    const sources = await listSources();
    replace(count, sources.length === 1 ? '1 source' : `${sources.length} sources`);
    replace(
      list,
      ...sources.map((s) =>
        h(
          'li',
          { attrs: { 'data-source-id': s.id } },
          h(
            'div',
            { class: 'source-info' },
            h('span', { class: 'source-title' }, s.title),
            h('span', { class: 'muted' }, [s.date, `${s.sentences} sentences`].filter(Boolean).join(' · ')),
          ),
          h(
            'button',
            {
              class: 'icon remove',
              attrs: { type: 'button', 'aria-label': `Remove ${s.title}` },
              on: {
                click: async () => {
                  await removeSource(s.id);
                  await refreshLibrary();
                },
              },
            },
            '×',
          ),
        ),
      ),
    );
    applyFilter();
  } catch (error) {
    replace(count, `Cannot list the library: ${(error as Error).message}`);
  }
}

/** Hides the sources whose title does not contain the filter text (case-insensitive). */
function applyFilter(): void {
  const needle = byId<HTMLInputElement>('library-filter').value.trim().toLowerCase();
  for (const item of byId('source-list').children) {
    const title = item.querySelector('.source-title')?.textContent?.toLowerCase() ?? '';
    (item as HTMLElement).hidden = needle !== '' && !title.includes(needle);
  }
}

async function follow(start: Promise<Job>): Promise<void> {
  const progress = byId<HTMLProgressElement>('ingest-progress');
  const message = byId('ingest-message');
  const failures = byId('ingest-failures');
  replace(failures);
  replace(message, 'Uploading…');
  progress.hidden = false;
  progress.removeAttribute('value'); // indeterminate while the upload itself runs
  try {
    let job = await start;
    while (job.state === 'running') {
      if (job.filesTotal) {
        progress.max = job.filesTotal;
        progress.value = job.filesDone;
        replace(message, `Ingesting ${job.filesDone} of ${job.filesTotal} files…`);
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      job = await getJob(job.id);
    }
    if (job.state === 'failed') throw new Error(job.error?.message ?? 'ingesting failed');
    const r = job.result!;
    // the list is current before the result is announced, so "Added…" means the new sources are listed
    await refreshLibrary();
    const duplicates = r.duplicates ? ` (${r.duplicates} near-copies of other sources, not cited)` : '';
    const failed = r.failed.length ? `, ${r.failed.length} failed` : '';
    replace(message, `Added ${r.ingested}${duplicates}, unchanged ${r.unchanged}${failed}.`);
    replace(failures, ...r.failed.map((f) => h('li', {}, f.error)));
  } catch (error) {
    replace(message, (error as Error).message);
    await refreshLibrary();
  } finally {
    progress.hidden = true;
  }
}

/** Wires the drop zone, the file chooser and the URL form. */
export function initLibrary(): void {
  const zone = byId('drop-zone');
  const input = byId<HTMLInputElement>('file-input');
  const send = (files: FileList | null) => {
    if (files?.length) void follow(uploadFiles([...files]));
  };
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('over');
    send(event.dataTransfer?.files ?? null);
  });
  input.addEventListener('change', () => {
    send(input.files);
    input.value = '';
  });
  byId<HTMLFormElement>('url-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const area = byId<HTMLTextAreaElement>('url-input');
    const urls = area.value
      .split(/\s+/)
      .map((u) => u.trim())
      .filter(Boolean);
    if (!urls.length) return;
    area.value = '';
    void follow(addUrls(urls));
  });
  byId('library-filter').addEventListener('input', applyFilter);
  void refreshLibrary();
}
