import { loadSettings, updateSettings } from '../shared/settings-store.ts';
import { localisePage } from '../ui/i18n.ts';

localisePage(document);
const enabled = document.querySelector<HTMLInputElement>('#enabled')!;
void loadSettings().then((s) => {
  enabled.checked = s.enabled;
});
enabled.addEventListener('change', () => void updateSettings((s) => ({ ...s, enabled: enabled.checked })));
