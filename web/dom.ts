/**
 * DOM building for the page. Text only ever goes in through `textContent` / text nodes, never innerHTML:
 * source text, titles and URLs are untrusted and must stay inert.
 */

type Child = Node | string | number | null | undefined | false;

export interface Props {
  readonly class?: string;
  /** Plain attributes; `on*` handlers and `href`/`src` are refused here (use `on` and `safeLink`). */
  readonly attrs?: Readonly<Record<string, string>>;
  readonly on?: { readonly [E in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[E]) => void };
}

/** `h('button', { class: 'cite', on: { click } }, '[1]')`: an element with text and child nodes. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.class) element.className = props.class;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (/^on|^(href|src|srcdoc|action|formaction)$/i.test(name)) throw new Error(`refusing attribute ${name}`);
    element.setAttribute(name, value);
  }
  for (const [event, handler] of Object.entries(props.on ?? {}))
    element.addEventListener(event, handler as EventListener);
  append(element, ...children);
  return element;
}

/** Appends children, turning strings and numbers into text nodes. */
export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(
      typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child,
    );
  }
}

/** Replaces all children. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

/** A link when the URL is plain http(s); otherwise just its text (a `javascript:` URL never becomes a link). */
export function safeLink(url: string, label: string = url): HTMLElement {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:'))
    return h('span', { class: 'location' }, label);
  const a = h('a', { attrs: { rel: 'noopener noreferrer', target: '_blank' } }, label);
  a.href = parsed.href;
  return a;
}

/** Names the server gives uploads (src/server/uploads.ts): a content hash, meaningless to a reader. */
const UPLOADED_NAME = /^[0-9a-f]{16}\.[a-z]+(#.*)?$/;

/** A source's location for display: a link for http(s), else the file name without the server's folders. */
export function locationLabel(location: string, url?: string): HTMLElement {
  if (url && /^https?:/i.test(url)) return safeLink(url);
  if (/^https?:/i.test(location)) return safeLink(location);
  const name = location.split(/[\\/]/).pop() ?? location;
  const uploaded = UPLOADED_NAME.exec(name);
  // a record inside an uploaded JSONL/CSV keeps its key: `uploaded file#ledger-1`
  return h('span', { class: 'location' }, uploaded ? `uploaded file${uploaded[1] ?? ''}` : name);
}

/** The element with this id, or an error naming it (the shell in index.html is out of step with the code). */
export function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element as T;
}

/** Saves a string as a file through a temporary object URL. */
export function download(name: string, type: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = h('a', { attrs: { download: name } });
  a.href = url;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
