import type { V1Namespace, V1Shard } from './types.ts';

/**
 * The imported SecID 1.0 namespaces, held per type. Shards arrive whole (one per type) and are indexed on arrival;
 * a synchronous `load` (the CLI reads files) fills a missing type on first use, the extension loads shards ahead
 * of resolution (src/shared/registry-data.ts).
 */
export class V1Store {
  private readonly byType = new Map<string, Map<string, V1Namespace>>();

  constructor(
    private readonly load?: (type: string) => V1Shard | undefined,
    /** Where the data came from, shown by `secid validate` and the options page. */
    readonly origin: { commit?: string; date?: string; label?: string } = {},
  ) {}

  add(shard: V1Shard): void {
    const map = new Map<string, V1Namespace>();
    for (const ns of shard.namespaces) map.set(ns.ns, ns);
    this.byType.set(shard.type, map);
  }

  has(type: string): boolean {
    return this.byType.has(type);
  }

  private ofType(type: string): Map<string, V1Namespace> | undefined {
    if (!this.byType.has(type) && this.load) {
      const shard = this.load(type);
      if (shard) this.add(shard);
      else this.byType.set(type, new Map());
    }
    return this.byType.get(type);
  }

  namespace(type: string, ns: string): V1Namespace | undefined {
    return this.ofType(type)?.get(ns);
  }

  namespaces(type: string): V1Namespace[] {
    return [...(this.ofType(type)?.values() ?? [])];
  }

  loadedTypes(): string[] {
    return [...this.byType.keys()];
  }
}
