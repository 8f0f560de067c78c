import { STAGES, type StageExports, type StageName } from './stage-types.ts';
import type { askWorker } from './ext.ts';

export type LoadStage = <S extends StageName>(stage: S) => Promise<StageExports[S] | undefined>;

/**
 * Loads a later stage of the content script (see stage-types.ts) once per frame: asks the service worker to inject
 * it into this frame, then takes its export from this isolated world's global object. A failed load is forgotten, so
 * the next need asks again.
 */
export function stageLoader(ask: typeof askWorker): LoadStage {
  const pending = new Map<StageName, Promise<unknown>>();
  const ready = (stage: StageName) => (globalThis as Record<string, unknown>)[STAGES[stage].global];
  return <S extends StageName>(stage: S) => {
    const known = ready(stage);
    if (known) return Promise.resolve(known as StageExports[S]);
    let loading = pending.get(stage);
    if (!loading) {
      loading = ask('load-stage', { stage })
        .then(
          () => ready(stage),
          () => undefined,
        )
        .then((value) => {
          if (!value) pending.delete(stage);
          return value;
        });
      pending.set(stage, loading);
    }
    return loading as Promise<StageExports[S] | undefined>;
  };
}
