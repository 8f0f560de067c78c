import browser from 'webextension-polyfill';
import { Registry } from '../core/registry.ts';
import { checkV1Examples } from '../core/v1/check.ts';
import { compileV1Files, namespaceFilePath, type V1File } from '../core/v1/compile-files.ts';
import { V1Store } from '../core/v1/store.ts';
import { getRegistry } from '../shared/registry-data.ts';
import { clearImported, importedMeta, onImportedChanged, saveImported } from '../shared/v1-imported.ts';
import { readZip } from '../shared/zip-read.ts';
import { el } from '../ui/dom.ts';
import { t } from '../ui/i18n.ts';

/**
 * The options page's "SecID 1.0 registry" section: import a newer copy of the official registry (.zip or folder),
 * compiled here by the same core code as the build's importer, checked, stored, and used over the bundled copy.
 */
export function setUpRegistryImport(doc: Document): void {
  const $ = <T extends HTMLElement>(selector: string) => doc.querySelector<T>(selector)!;
  const active = $('#v1-active');
  const result = $('#v1-result');
  const problemList = $<HTMLUListElement>('#v1-problems');
  const bundledButton = $<HTMLButtonElement>('#v1-bundled');
  const zipInput = $<HTMLInputElement>('#v1-zip');
  const folderInput = $<HTMLInputElement>('#v1-folder');

  async function showActive(): Promise<void> {
    const meta = await importedMeta();
    bundledButton.hidden = meta === undefined;
    if (meta) {
      active.textContent = t('optionsV1Imported', [meta.label, meta.importedAt.slice(0, 10), String(meta.namespaces)]);
      active.dataset.source = 'imported';
      return;
    }
    active.dataset.source = 'bundled';
    try {
      const index = (await (await fetch(browser.runtime.getURL('secid-1.0/index.json'))).json()) as {
        commit?: string;
        date?: string;
        types: Record<string, string[]>;
      };
      const count = Object.values(index.types).reduce((n, list) => n + list.length, 0);
      const origin = `CloudSecurityAlliance/SecID ${index.commit?.slice(0, 7) ?? ''}${index.date ? `, ${index.date}` : ''}`;
      active.textContent = t('optionsV1Bundled', [origin, String(count)]);
    } catch {
      active.textContent = t('optionsV1Bundled', ['?', '?']);
    }
  }

  function problems(items: { file: string; reason: string }[]): void {
    problemList.replaceChildren(...items.slice(0, 200).map((p) => el(doc, 'li', {}, `${p.file}: ${p.reason}`)));
    problemList.hidden = items.length === 0;
  }

  async function take(label: string, read: () => Promise<V1File[]>): Promise<void> {
    result.textContent = t('optionsV1Working');
    delete result.dataset.outcome;
    problems([]);
    let files: V1File[] = [];
    let readProblem: { file: string; reason: string } | undefined;
    try {
      files = await read();
    } catch (error) {
      readProblem = { file: label, reason: error instanceof Error ? error.message : String(error) };
    }
    const compiled = compileV1Files(files);
    const rejected = readProblem ? [readProblem] : compiled.problems;
    if (rejected.length) {
      // Nothing is stored: the registry in use stays as it was.
      problems(rejected);
      result.textContent = t('optionsV1Rejected', [String(rejected.length)]);
      result.dataset.outcome = 'rejected';
      return;
    }
    // Checked like the build checks the bundled copy: every example through the resolver, ours first.
    const store = new V1Store();
    for (const shard of compiled.shards) store.add(shard);
    const check = new Registry(getRegistry().data);
    check.v1 = store;
    const namespaces = compiled.shards.flatMap((s) => s.namespaces);
    const { checked, failures } = checkV1Examples(check, namespaces);
    const commit = /-([0-9a-f]{7,40})(?:\.zip)?$/i.exec(label)?.[1];
    await saveImported(
      {
        label,
        importedAt: new Date().toISOString(),
        namespaces: namespaces.length,
        types: compiled.shards.map((s) => s.type),
        ...(commit ? { commit } : {}),
      },
      compiled.shards,
    );
    result.textContent = t('optionsV1Done', [
      String(namespaces.length),
      String(compiled.files),
      String(checked - failures.length),
      String(checked),
    ]);
    result.dataset.outcome = 'imported';
    await showActive();
  }

  zipInput.addEventListener('change', () => {
    const file = zipInput.files?.[0];
    zipInput.value = '';
    if (!file) return;
    void take(file.name, async () => {
      const entries = await readZip(await file.arrayBuffer());
      const decoder = new TextDecoder();
      return entries
        .filter((e) => namespaceFilePath(e.path))
        .map((e) => ({ path: e.path, text: decoder.decode(e.bytes) }));
    });
  });
  folderInput.addEventListener('change', () => {
    const list = [...(folderInput.files ?? [])];
    folderInput.value = '';
    if (list.length === 0) return;
    const label = list[0]!.webkitRelativePath.split('/')[0] || 'folder';
    void take(label, () =>
      Promise.all(
        list
          .filter((f) => namespaceFilePath(f.webkitRelativePath || f.name))
          .map(async (f) => ({ path: f.webkitRelativePath || f.name, text: await f.text() })),
      ),
    );
  });
  bundledButton.addEventListener('click', () => {
    void clearImported().then(async () => {
      result.textContent = t('optionsV1Reverted');
      result.dataset.outcome = 'reverted';
      problems([]);
      await showActive();
    });
  });
  onImportedChanged(() => void showActive());
  void showActive();
}
