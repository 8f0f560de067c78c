import browser from 'webextension-polyfill';
import detectorSpec from '../generated/detector.json';
import type { FamilyMode } from '../core/detect.ts';
import type { DetectorSpec } from '../core/registry-types.ts';
import { livePermissions } from '../shared/live-permission.ts';
import { DEFAULT_SETTINGS, normaliseHost, sitesCovering, type Settings } from '../core/settings.ts';
import { isFirefox } from '../shared/browser-kind.ts';
import { applyCachedTheme, applyTheme } from '../shared/page-theme.ts';
import { getRegistry } from '../shared/registry-data.ts';
import { loadSettings, onSettingsChanged, updateSettings } from '../shared/settings-store.ts';
import { el } from '../ui/dom.ts';
import { localisePage, t } from '../ui/i18n.ts';
import { effectiveMode, familyModes, withEdition, withFamilyMode } from './family-modes.ts';
import { setUpRegistryImport } from './registry-import.ts';

applyCachedTheme(document);
localisePage(document);
setUpRegistryImport(document);

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;
const families = (detectorSpec as DetectorSpec).families;
let settings: Settings = DEFAULT_SETTINGS;

const saved = $('#saved');
let savedTimer: ReturnType<typeof setTimeout> | undefined;

/** Every control saves at once; one status line says so (and says when saving failed). */
async function save(change: (current: Settings) => Settings): Promise<void> {
  try {
    settings = await updateSettings(change);
    saved.textContent = t('optionsSaved');
  } catch {
    saved.textContent = t('optionsSaveFailed');
  }
  clearTimeout(savedTimer);
  savedTimer = setTimeout(() => (saved.textContent = ''), 4000);
  render();
}

// General: on/off, hover delay, theme.
const enabled = $<HTMLInputElement>('#enabled');
enabled.addEventListener('change', () => void save((s) => ({ ...s, enabled: enabled.checked })));

const delay = $<HTMLInputElement>('#hover-delay');
const delayError = $('#hover-delay-error');
delay.addEventListener('change', () => {
  const value = Number(delay.value);
  const valid = delay.value.trim() !== '' && Number.isInteger(value) && value >= 0 && value <= 3000;
  delay.setAttribute('aria-invalid', String(!valid));
  delayError.hidden = valid;
  delayError.textContent = valid ? '' : t('optionsHoverDelayInvalid');
  if (valid) void save((s) => ({ ...s, hoverDelayMs: value }));
});

for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="theme"]')) {
  radio.addEventListener('change', () => {
    if (radio.checked) void save((s) => ({ ...s, theme: radio.value as Settings['theme'] }));
  });
}

// Live details: the permission is asked for inside the click (browsers grant optional access only then).
const live = $<HTMLInputElement>('#live-details');
live.addEventListener('change', () => {
  if (live.checked) {
    void browser.permissions
      .request(livePermissions())
      .catch(() => false)
      .then((granted) => {
        if (granted) void save((s) => ({ ...s, liveDetails: true }));
        else live.checked = false;
      });
    return;
  }
  void save((s) => ({ ...s, liveDetails: false }));
  void browser.permissions.remove(livePermissions()).catch(() => false);
  void browser.storage.local
    .get(null)
    .then((all) => browser.storage.local.remove(Object.keys(all).filter((k) => k.startsWith('live:'))));
});

for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="omnibox-enter"]')) {
  radio.addEventListener('change', () => {
    if (radio.checked) void save((s) => ({ ...s, omniboxEnter: radio.value === 'source' ? 'source' : 'resolve' }));
  });
}
const badge = $<HTMLInputElement>('#badge');
badge.addEventListener('change', () => void save((s) => ({ ...s, badge: badge.checked })));

// Which families of bare IDs are found, grouped by the type of their source (weaknesses, advisories, techniques, …).
const familyBox = $('#families');
const modeLabel: Record<FamilyMode, string> = {
  on: 'optionsModeOn',
  context: 'optionsModeContext',
  off: 'optionsModeOff',
};
const typeGrids = new Map<string, HTMLElement>();
function gridForType(type: string): HTMLElement {
  let grid = typeGrids.get(type);
  if (!grid) {
    const title = t(`optionsType_${type}`);
    grid = el(document, 'div', { class: 'grid' });
    familyBox.append(
      el(
        document,
        'div',
        { class: 'type-group', 'data-type': type },
        el(document, 'h3', {}, title === `optionsType_${type}` ? type : title),
        grid,
      ),
    );
    typeGrids.set(type, grid);
  }
  return grid;
}
const TYPE_ORDER = ['weakness', 'ttp', 'advisory', 'control', 'regulation', 'reference'];
const byType = [...families].sort((a, b) => {
  const ta = TYPE_ORDER.indexOf(a.sourceKey.split('/')[0]!);
  const tb = TYPE_ORDER.indexOf(b.sourceKey.split('/')[0]!);
  return (ta < 0 ? 99 : ta) - (tb < 0 ? 99 : tb);
});
const familySelects = byType.map((family) => {
  const id = `family-${family.id}`;
  const select = el(document, 'select', { id, 'data-family': family.id });
  for (const mode of familyModes(family)) {
    const text = mode === family.default ? t('optionsModeDefault', [t(modeLabel[mode])]) : t(modeLabel[mode]);
    select.append(el(document, 'option', { value: mode }, text));
  }
  select.addEventListener('change', () => void save((s) => withFamilyMode(s, family, select.value as FamilyMode)));
  const words = family.context.slice(0, 6).join(', ');
  gridForType(family.sourceKey.split('/')[0]!).append(
    el(
      document,
      'label',
      { for: id, class: 'setting' },
      family.label,
      words ? el(document, 'span', { class: 'detail' }, t('optionsContextWords', [words])) : undefined,
    ),
    select,
  );
  return { family, select };
});

// Default edition of lists whose IDs mean different things per edition.
const registry = getRegistry();
const editionBox = $('#editions');
const editionSelects = registry.sources
  .filter((source) => registry.hasEditionItems(source))
  .map((source) => {
    const id = `edition-${source.key.replace(/\W+/g, '-')}`;
    const current = registry.currentVersion(source);
    const select = el(document, 'select', { id, 'data-source': source.key });
    select.append(el(document, 'option', { value: '' }, t('optionsEditionAuto', [current?.label ?? ''])));
    for (const v of registry.editionsByPreference(source).filter((v) => v.items)) {
      select.append(
        el(document, 'option', { value: v.v }, v === current ? t('optionsEditionCurrent', [v.label]) : v.label),
      );
    }
    select.addEventListener('change', () => void save((s) => withEdition(s, source.key, select.value)));
    editionBox.append(
      el(document, 'label', { for: id, class: 'setting' }, source.shortName ?? source.fullName),
      select,
    );
    return { key: source.key, select };
  });

// Sites where nothing runs.
const siteList = $<HTMLUListElement>('#sites');
const siteInput = $<HTMLInputElement>('#site-input');
const siteError = $('#site-error');
function siteProblem(text: string): void {
  siteError.textContent = text;
  siteError.hidden = false;
  siteInput.setAttribute('aria-invalid', 'true');
  siteInput.focus();
}
$<HTMLFormElement>('#add-site').addEventListener('submit', (event) => {
  event.preventDefault();
  const host = normaliseHost(siteInput.value);
  if (!host) return siteProblem(t('optionsSiteInvalid', [siteInput.value.trim()]));
  const cover = sitesCovering(settings, host)[0];
  if (cover) return siteProblem(t('optionsSiteDuplicate', [cover]));
  siteError.hidden = true;
  siteInput.removeAttribute('aria-invalid');
  siteInput.value = '';
  void save((s) => ({ ...s, excludedSites: [...s.excludedSites, host] }));
});
function removeSite(site: string, index: number): void {
  void save((s) => ({ ...s, excludedSites: s.excludedSites.filter((x) => x !== site) })).then(() => {
    // Keep the keyboard user in the list: focus the next Remove button, or the add box.
    const buttons = siteList.querySelectorAll('button');
    (buttons[Math.min(index, buttons.length - 1)] ?? siteInput).focus();
  });
}

function renderSites(): void {
  siteList.replaceChildren(
    ...settings.excludedSites.map((site, index) => {
      const button = el(
        document,
        'button',
        { type: 'button', 'aria-label': t('optionsSiteRemoveLabel', [site]) },
        t('optionsSiteRemove'),
      );
      button.addEventListener('click', () => removeSite(site, index));
      return el(document, 'li', { 'data-site': site }, el(document, 'span', {}, site), button);
    }),
  );
  $('#sites-empty').hidden = settings.excludedSites.length > 0;
}

/** Puts the settings into the controls (on load, after a save, and when another page changed them). */
function render(): void {
  enabled.checked = settings.enabled;
  live.checked = settings.liveDetails;
  if (document.activeElement !== delay || delay.getAttribute('aria-invalid') !== 'true')
    delay.value = String(settings.hoverDelayMs);
  for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="theme"]'))
    radio.checked = radio.value === settings.theme;
  for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="omnibox-enter"]'))
    radio.checked = radio.value === settings.omniboxEnter;
  badge.checked = settings.badge;
  for (const { family, select } of familySelects) select.value = effectiveMode(settings, family);
  for (const { key, select } of editionSelects) select.value = settings.editions[key] ?? '';
  renderSites();
  applyTheme(document, settings.theme);
}

async function renderShortcuts(): Promise<void> {
  const box = $('#shortcuts');
  const commands = await browser.commands.getAll().catch(() => []);
  const names: Record<string, string> = {
    _execute_action: 'optionsShortcutPopup',
    'open-card': 'optionsShortcutCard',
    'next-id': 'optionsShortcutNext',
    'previous-id': 'optionsShortcutPrevious',
  };
  for (const command of commands) {
    const label = command.name ? names[command.name] : undefined;
    if (!label) continue;
    box.append(
      el(document, 'dt', {}, t(label)),
      el(
        document,
        'dd',
        { 'data-command': command.name },
        command.shortcut ? el(document, 'kbd', {}, command.shortcut) : t('optionsShortcutNone'),
      ),
    );
  }
  $('#shortcut-hint').textContent = t(isFirefox() ? 'optionsShortcutHintFirefox' : 'optionsShortcutHintChrome');
}

// Search within the settings: rows whose text does not match hide, and so do sections left with none.
const filter = $<HTMLInputElement>('#filter');
const filterNone = $('#filter-none');
function applyFilter(): void {
  const words = filter.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const matches = (node: Element) => {
    const labelled =
      node instanceof HTMLLabelElement && node.htmlFor
        ? (document.getElementById(node.htmlFor)?.textContent ?? '')
        : '';
    const text = `${node.textContent ?? ''} ${labelled}`.toLowerCase();
    return words.every((w) => text.includes(w));
  };
  let shown = 0;
  for (const section of document.querySelectorAll<HTMLElement>('main section[data-group]')) {
    const heading = words.length > 0 && matches(section.querySelector('h2')!);
    let visible = 0;
    for (const row of section.querySelectorAll<HTMLElement>('.setting')) {
      const show = words.length === 0 || heading || matches(row);
      row.hidden = !show;
      // A family or edition row is a label and its select: they hide together.
      const control = row instanceof HTMLLabelElement && row.htmlFor ? document.getElementById(row.htmlFor) : null;
      if (control && row.parentElement?.classList.contains('grid')) control.hidden = !show;
      if (show) visible++;
    }
    for (const group of section.querySelectorAll<HTMLElement>('.type-group'))
      group.hidden = words.length > 0 && !group.querySelector('.setting:not([hidden])');
    const rows = section.querySelectorAll('.setting').length;
    section.hidden = words.length > 0 && !heading && (rows === 0 ? !matches(section) : visible === 0);
    if (!section.hidden) shown++;
  }
  filterNone.textContent = words.length > 0 && shown === 0 ? t('optionsFilterNone', [filter.value.trim()]) : '';
}
filter.addEventListener('input', applyFilter);

render();
void renderShortcuts();
void loadSettings().then((loaded) => {
  settings = loaded;
  render();
  document.documentElement.dataset.ready = 'true';
});
onSettingsChanged((changed) => {
  settings = changed;
  render();
});
