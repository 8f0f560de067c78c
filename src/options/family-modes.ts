import type { FamilyMode } from '../core/detect.ts';
import type { DetectFamily } from '../core/registry-types.ts';
import type { Settings } from '../core/settings.ts';

/** The modes a family can be set to: "context" only where the family has list names or editions to look for. */
export function familyModes(family: DetectFamily): FamilyMode[] {
  return family.context.length || family.editions.length ? ['on', 'context', 'off'] : ['on', 'off'];
}

export function effectiveMode(settings: Settings, family: DetectFamily): FamilyMode {
  return settings.families[family.id] ?? family.default;
}

/** Stores only a choice that differs from the family's default, so a later change of default still reaches the user. */
export function withFamilyMode(settings: Settings, family: DetectFamily, mode: FamilyMode): Settings {
  const families = { ...settings.families };
  if (mode === family.default) delete families[family.id];
  else families[family.id] = mode;
  return { ...settings, families };
}

/** Same rule for editions: '' (automatic) removes the preference. */
export function withEdition(settings: Settings, sourceKey: string, version: string): Settings {
  const editions = { ...settings.editions };
  if (version === '') delete editions[sourceKey];
  else editions[sourceKey] = version;
  return { ...settings, editions };
}
