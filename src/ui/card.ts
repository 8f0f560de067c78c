import type { LiveDetails } from '../core/live-details.ts';
import type { ResolveResponse, ResolveResult } from '../core/resolve-types.ts';
import { el, link } from './dom.ts';
import { httpUrl } from '../core/http-url.ts';
import { listName } from '../core/list-name.ts';
import { copyFormats, type CopyFormatKey } from './copy-formats.ts';
import { relatedRows } from './related-rows.ts';
import { editionGroup } from './edition-group.ts';

export type Translate = (key: string, substitutions?: string[]) => string;

export interface CardOptions {
  /** The ID as written on the page (or typed). */
  written?: string;
  t: Translate;
  /** Copies text; resolves true when it worked. */
  copy?: (text: string) => Promise<boolean>;
  /** Link for a related SecID (e.g. the SecID page); plain text when absent. */
  relatedHref?: (secid: string) => string | undefined;
  /**
   * Opens a related SecID; related items become buttons. For cards on web pages, where a link to an extension page
   * would be blocked and would reveal the extension's id. Wins over relatedHref.
   */
  onRelated?: (secid: string, event: MouseEvent) => void;
  /** Our SecID page's address for a SecID (a shareable permalink); offered as a copy format when given. */
  permalink?: (secid: string) => string;
  /** Extra actions at the bottom (e.g. "More" on the popup). */
  footer?: Node[];
  /**
   * Opens a link's URL. For cards on web pages: links then carry no `href` the page could rewrite or a synthetic
   * click could follow; the URL lives in this card's closures and only the user's click or Enter opens it.
   */
  onOpen?: (url: string) => void;
  /** Runs the card's own later changes (the copy button's label), so a watcher can tell them from the page's. */
  ownChange?: (change: () => void) => void;
}

/**
 * A link that opens `url` through `open`, never through the DOM: no href, so neither a rewritten attribute nor a
 * synthetic click can send the user elsewhere. The URL is shown as a tooltip.
 */
function actionLink(
  doc: Document,
  url: string | undefined,
  text: string,
  attrs: Record<string, string>,
  open: (url: string) => void,
): HTMLElement {
  const href = httpUrl(url);
  if (!href) return el(doc, 'span', attrs, text);
  const a = el(doc, 'a', { ...attrs, role: 'link', tabindex: '0', title: href }, text);
  a.addEventListener('click', (e) => {
    e.preventDefault();
    if (e.isTrusted) open(href);
  });
  a.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    if (e.isTrusted) open(href);
  });
  return a;
}

function cardLink(
  doc: Document,
  url: string | undefined,
  text: string,
  options: CardOptions,
  attrs: Record<string, string> = {},
): HTMLElement {
  return options.onOpen ? actionLink(doc, url, text, attrs, options.onOpen) : link(doc, url, text, attrs);
}

function relatedTarget(doc: Document, secid: string, label: string, options: CardOptions): Node | string {
  const open = options.onRelated;
  if (open) {
    const button = el(doc, 'button', { type: 'button', class: 'secid-card__link' }, label);
    button.addEventListener('click', (event) => open(secid, event));
    return button;
  }
  const href = options.relatedHref?.(secid);
  return href ? el(doc, 'a', { href }, label) : label;
}

function age(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} d`;
}

/** Live details (opt-in), shown under the offline facts with their source and age. Text only; links http(s) only. */
export function renderLive(doc: Document, details: LiveDetails, t: Translate, now = Date.now()): HTMLElement {
  const box = el(
    doc,
    'section',
    { class: 'secid-card__live', 'data-source': details.source },
    el(doc, 'h3', {}, t('cardLiveTitle', [details.source])),
  );
  if (details.summary) box.append(el(doc, 'p', { class: 'secid-card__live-summary' }, details.summary));
  const dl = el(doc, 'dl', { class: 'secid-card__facts' });
  for (const s of details.scores.slice(0, 3))
    dl.append(
      el(doc, 'dt', {}, s.version ? `CVSS ${s.version}` : s.type),
      el(doc, 'dd', {}, el(doc, 'code', {}, s.vector)),
    );
  const dates: [string, string | undefined][] = [
    ['cardLivePublished', details.published],
    ['cardLiveModified', details.modified],
    ['cardLiveWithdrawn', details.withdrawn],
  ];
  for (const [key, value] of dates) if (value) dl.append(el(doc, 'dt', {}, t(key)), el(doc, 'dd', {}, value));
  if (dl.childNodes.length) box.append(dl);
  if (details.references.length) {
    const ul = el(doc, 'ul', { class: 'secid-card__live-refs' });
    for (const r of details.references.slice(0, 3)) ul.append(el(doc, 'li', {}, link(doc, r.url, new URL(r.url).host)));
    box.append(ul);
  }
  box.append(
    el(
      doc,
      'p',
      { class: 'secid-card__catalog' },
      t('cardLiveAge', [age(now - details.fetchedAt)]),
      ' ',
      link(doc, details.url, t('cardLiveRecord')),
    ),
  );
  return box;
}

/** Facts from the knowledge shards: withdrawn status, KEV listing, labelled facts (tactics, platforms, product). */
function appendKnowledge(doc: Document, card: HTMLElement, top: ResolveResult, options: CardOptions): void {
  const { t } = options;
  if (top.item_status) {
    const line = el(
      doc,
      'p',
      { class: 'secid-card__warn secid-card__withdrawn' },
      t(top.item_status === 'revoked' ? 'cardRevoked' : 'cardDeprecated'),
    );
    if (top.replaced_by) {
      const label = `${top.replaced_by.secid.replace(/^.*#/, '')}${top.replaced_by.title ? ` ${top.replaced_by.title}` : ''}`;
      line.append(`. ${t('cardReplacedBy')} `, relatedTarget(doc, top.replaced_by.secid, label, options));
    }
    card.append(line);
  }
  const kev = top.known_exploited;
  if (kev) {
    const box = el(
      doc,
      'p',
      { class: 'secid-card__kev-line' },
      kev.date_added ? t('cardKevSince', [kev.date_added]) : t('cardKevListed'),
    );
    if (kev.ransomware)
      box.append(el(doc, 'strong', { class: 'secid-card__ransomware' }, ` · ${t('cardKevRansomware')}`));
    card.append(box);
  }
  if (top.facts?.length) {
    const dl = el(doc, 'dl', { class: 'secid-card__facts' });
    for (const f of top.facts.slice(0, 6)) dl.append(el(doc, 'dt', {}, f.label), el(doc, 'dd', {}, f.value));
    card.append(dl);
  }
}

const FORMAT_LABEL: Record<CopyFormatKey, string> = {
  url: 'cardCopyUrl',
  markdown: 'cardCopyMarkdown',
  permalink: 'cardCopyPermalink',
  written: 'cardCopyWritten',
};

/** "Copy as: URL · Markdown · Permalink · As written", each a button that says when it worked. */
function copyAsRow(doc: Document, top: ResolveResult, query: string, options: CardOptions): HTMLElement {
  const { t } = options;
  const permalink = options.permalink?.(top.secid);
  const row = el(
    doc,
    'p',
    { class: 'secid-card__copy-as' },
    el(doc, 'span', { class: 'secid-card__copy-as-label' }, `${t('cardCopyAs')}:`),
  );
  for (const format of copyFormats(top, { query, ...(permalink ? { permalink } : {}) })) {
    const name = t(FORMAT_LABEL[format.key]);
    const button = el(
      doc,
      'button',
      {
        type: 'button',
        class: 'secid-card__copy-format',
        'data-format': format.key,
        title: format.text,
        'aria-label': t('cardCopyFormatLabel', [name]),
      },
      name,
    );
    button.addEventListener('click', () => {
      void options.copy!(format.text).then((ok) => {
        button.textContent = ok ? t('cardCopied') : t('cardCopyFailed');
      });
    });
    row.append(' ', button);
  }
  return row;
}

/**
 * The card for a resolution: shared by the hover card, the popup and the SecID page. Built with textContent only;
 * the caller decides where it lives (a shadow root, a page).
 */
export function renderCard(doc: Document, response: ResolveResponse, options: CardOptions): HTMLElement {
  const { t } = options;
  const top = response.results[0];
  const card = el(doc, 'article', { class: 'secid-card', 'data-status': response.status });
  if (top) card.dataset.secid = top.secid;

  const heading = el(doc, 'header', { class: 'secid-card__head' });
  const written = options.written ?? top?.id ?? response.query;
  heading.append(el(doc, 'span', { class: 'secid-card__id' }, written));
  if (top?.title && top.title !== written) heading.append(el(doc, 'span', { class: 'secid-card__title' }, top.title));
  // Exploited in the wild: the first thing to see on a CVE card.
  if (top?.known_exploited)
    heading.append(el(doc, 'span', { class: 'secid-card__kev', title: t('cardKevListed') }, t('cardKnownExploited')));
  card.append(heading);

  if (!top) {
    card.append(el(doc, 'p', { class: 'secid-card__message' }, response.message ?? t('cardNotFound')));
    return card;
  }
  const list = listName(top);
  if (list && top.id) {
    card.append(
      el(
        doc,
        'p',
        { class: 'secid-card__list' },
        list,
        top.kind ? el(doc, 'span', { class: 'secid-card__kind' }, ` · ${top.kind}`) : undefined,
      ),
    );
  }
  if (response.status !== 'found' && response.message) {
    card.append(el(doc, 'p', { class: 'secid-card__message', role: 'note' }, response.message));
  }
  const description = top.description ?? top.data?.description;
  if (description) card.append(el(doc, 'p', { class: 'secid-card__description' }, description));
  if (top.unverified) card.append(el(doc, 'p', { class: 'secid-card__warn' }, t('cardUnverified')));
  if (top.origin === 'secid-1.0') card.append(el(doc, 'p', { class: 'secid-card__origin' }, t('cardFromOfficial')));
  appendKnowledge(doc, card, top, options);

  // The canonical SecID, copyable.
  const secidRow = el(doc, 'div', { class: 'secid-card__secid' }, el(doc, 'code', {}, top.secid));
  if (options.copy) {
    const button = el(
      doc,
      'button',
      { type: 'button', class: 'secid-card__copy', 'aria-label': t('cardCopyLabel', [top.secid]) },
      t('cardCopy'),
    );
    button.addEventListener('click', () => {
      void options.copy!(top.secid).then((ok) => {
        const label = () => (button.textContent = ok ? t('cardCopied') : t('cardCopyFailed'));
        if (options.ownChange) options.ownChange(label);
        else label();
      });
    });
    secidRow.append(button);
  }
  card.append(secidRow);
  // Say plainly which edition a version number is (`@2.0` is the 2025 edition).
  if (top.version && top.edition && top.version !== top.edition && top.secid.includes(`@${top.version}`)) {
    card.append(el(doc, 'p', { class: 'secid-card__edition-note' }, t('cardEditionIs', [top.version, top.edition])));
  }
  if (options.copy) card.append(copyAsRow(doc, top, response.query, options));
  if (top.secid_v1 !== top.secid)
    card.append(el(doc, 'p', { class: 'secid-card__v1' }, `${t('cardSecid10')} `, el(doc, 'code', {}, top.secid_v1)));

  const links = el(doc, 'p', { class: 'secid-card__links' });
  if (top.url) links.append(cardLink(doc, top.url, t('cardOpenSource'), options, { class: 'secid-card__open' }));
  if (links.childNodes.length) card.append(links);

  // Editions side by side when the ID means different things.
  const editions = editionGroup(response);
  if (editions.length > 0) {
    const box = el(doc, 'section', { class: 'secid-card__editions' }, el(doc, 'h3', {}, t('cardEditions')));
    if (top.guess) box.append(el(doc, 'p', { class: 'secid-card__guess' }, top.guess));
    const ul = el(doc, 'ul');
    for (const r of editions) {
      ul.append(
        el(
          doc,
          'li',
          { 'data-edition': r.edition ?? '' },
          el(doc, 'strong', {}, `${r.edition ?? r.version ?? ''}${r.current_edition ? ` ${t('cardCurrent')}` : ''}: `),
          cardLink(doc, r.url, r.title ?? r.id ?? '', options),
        ),
      );
    }
    box.append(ul);
    card.append(box);
  } else if (top.guess) card.append(el(doc, 'p', { class: 'secid-card__guess' }, top.guess));

  // Other things the same ID names (a CVE in several databases).
  const others = response.results.slice(1).filter((r) => !editions.includes(r));
  if (others.length) {
    const ul = el(doc, 'ul', { class: 'secid-card__others' });
    for (const r of others.slice(0, 6)) {
      const label = r.source_short ?? r.source_name ?? r.secid;
      // A link the official SecID registry gives beside ours says so.
      ul.append(
        el(
          doc,
          'li',
          r.origin ? { 'data-origin': r.origin } : {},
          cardLink(doc, r.url, r.origin === 'secid-1.0' ? `${label} (${t('cardOfficialLink')})` : label, options),
        ),
      );
    }
    card.append(el(doc, 'section', {}, el(doc, 'h3', {}, t('cardAlsoIn')), ul));
  }

  if (top.related?.length) {
    const ul = el(doc, 'ul', { class: 'secid-card__related' });
    for (const row of relatedRows(top.related).slice(0, 8)) {
      const editions = row.editions.length
        ? ` (${t(row.editions.length > 1 ? 'cardRelatedEditions' : 'cardRelatedEdition', [row.editions.join(', ')])})`
        : '';
      const label = `${row.id}${row.title ? ` ${row.title}` : ''}${editions}`;
      const target = relatedTarget(doc, row.secid, label, options);
      ul.append(
        el(
          doc,
          'li',
          { 'data-secid': row.secid, title: row.secid },
          el(doc, 'span', { class: 'secid-card__rel' }, `${row.rel.replace(/_/g, ' ')} `),
          target,
        ),
      );
    }
    card.append(el(doc, 'section', {}, el(doc, 'h3', {}, t('cardRelated')), ul));
  }
  if (top.catalog) card.append(el(doc, 'p', { class: 'secid-card__catalog' }, t('cardFrom', [top.catalog])));
  for (const node of options.footer ?? []) card.append(node);
  return card;
}
