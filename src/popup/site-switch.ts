import type { Settings } from '../core/settings.ts';
import { updateSettings } from '../shared/settings-store.ts';
import type { Translate } from '../ui/card.ts';
import { siteState, withSite } from './site-rules.ts';

export interface SiteSwitchDeps {
  row: HTMLElement;
  box: HTMLInputElement;
  label: HTMLElement;
  note: HTMLElement;
  t: Translate;
  /** Called with the saved settings after a flip (the page list refreshes; open tabs follow storage on their own). */
  changed: (settings: Settings) => void;
}

/** The per-site on/off switch for the target tab's site; hidden when the tab is not a web site or its URL is unknown. */
export class SiteSwitch {
  private url: string | undefined;

  constructor(private readonly deps: SiteSwitchDeps) {
    deps.box.addEventListener('change', () => void this.flip());
  }

  show(settings: Settings, url: string | undefined): void {
    this.url = url;
    const { row, box, label, note, t } = this.deps;
    const state = siteState(settings, url);
    row.hidden = state === undefined;
    if (!state) return;
    box.checked = !state.excluded;
    label.textContent = t('siteSwitchLabel', [state.host]);
    const parent = state.rules.find((rule) => rule !== state.host);
    note.textContent = parent ? t('siteSwitchParentRule', [parent]) : '';
    note.hidden = !parent;
  }

  private async flip(): Promise<void> {
    const on = this.deps.box.checked;
    const url = this.url;
    const saved = await updateSettings((current) => {
      const state = siteState(current, url);
      return state ? withSite(current, state, on) : current;
    });
    this.show(saved, url);
    this.deps.changed(saved);
  }
}
