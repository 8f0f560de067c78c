import registryText from '../generated/registry.json?raw';
import searchIndexText from '../generated/search-index.json?raw';
import { Registry } from '../core/registry.ts';
import type { CompiledRegistry } from '../core/registry-types.ts';
import { RegistrySearch } from '../core/search.ts';

// Parsed on first use: JSON.parse of a string is faster than evaluating a large object literal.
let registry: Registry | undefined;
let search: RegistrySearch | undefined;

export function getRegistry(): Registry {
  registry ??= new Registry(JSON.parse(registryText) as CompiledRegistry);
  return registry;
}

export function getSearch(): RegistrySearch {
  search ??= new RegistrySearch(JSON.parse(searchIndexText), { aliases: getRegistry().data.aliases ?? [] });
  return search;
}
