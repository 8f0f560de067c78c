import { parseArgs } from 'node:util';
import { compileRegistry } from '../compiler/compile.ts';
import { VerdictStore } from '../compiler/redos.ts';
import { validateV1 } from '../compiler/v1-validate.ts';
import { resolve } from '../core/resolve.ts';
import { SECID_TYPES } from '../core/secid-types.ts';
import { joinV1Hits, V1Search, v1SearchEntries } from '../core/v1/search.ts';
import { formatResponse, formatSearch } from './format.ts';
import { CliError, REGISTRY_DIR, loadRegistry, loadSearch, loadV1Folder } from './load.ts';
import { scanCommand } from './scan-command.ts';

const USAGE = `Usage: npm run --silent secid -- <command> [options]

Commands:
  resolve <query> [--json]             Resolve a SecID or a bare ID (ML03, LLM01:2025, CVE-2024-3094)
  search <text> [--json] [--limit N]   Search the registry (IDs, titles, aliases, descriptions)
  scan <file|-> [--json] [--strict]    List every ID in a .txt, .md or .html file (- reads stdin), as it
                                       reads (any size, bounded memory); --json prints JSON Lines, one
                                       object per ID; --strict exits 1 when an ID does not resolve
  validate [--json]                    Check every registry file; exit 1 with reasons on problems
  help                                 This text

  --registry <folder>                  Use this copy of the official SecID 1.0 registry (its registry/ folder)
                                       instead of the bundled import (resolve, scan, validate)

Exit codes: 0 ok, 1 not found / problems, 2 bad input or usage, 3 internal failure (a bug: please report it).`;

function out(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      limit: { type: 'string' },
      registry: { type: 'string' },
      strict: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const json = values.json === true;
  switch (command) {
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      out(USAGE);
      return command === undefined ? 2 : 0;
    case 'resolve': {
      const query = positionals.join(' ');
      if (query.trim() === '') throw new CliError('resolve needs a query, e.g. npm run --silent secid -- resolve ML03');
      const { registry } = loadRegistry(values.registry !== undefined ? { v1Folder: values.registry } : {});
      const response = resolve(registry, query);
      out(json ? JSON.stringify(response, null, 2) : formatResponse(response));
      return response.status === 'found' || response.status === 'corrected' || response.status === 'related'
        ? 0
        : response.status === 'not_found'
          ? 1
          : 2;
    }
    case 'search': {
      const query = positionals.join(' ');
      if (query.trim() === '')
        throw new CliError('search needs some text, e.g. npm run --silent secid -- search prompt injection');
      const limit = values.limit === undefined ? 10 : Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
        throw new CliError(`--limit takes a whole number from 1 to 1000, not "${values.limit}"`);
      const { compiled, registry, knowledge } = loadRegistry({
        search: true,
        ...(values.registry !== undefined ? { v1Folder: values.registry } : {}),
      });
      // Our hits, then the imported SecID 1.0 namespaces' (names, alternate names, domains).
      const v1 = new V1Search(v1SearchEntries(SECID_TYPES.flatMap((type) => registry.v1?.namespaces(type) ?? [])));
      const hits = joinV1Hits({
        query,
        ours: loadSearch(compiled, knowledge).search(query, limit),
        v1: v1.search(query, limit),
        limit,
        registry,
      });
      out(json ? JSON.stringify({ query, results: hits }, null, 2) : formatSearch(hits, query));
      return hits.length ? 0 : 1;
    }
    case 'scan': {
      const file = positionals[0];
      if (file === undefined || positionals.length > 1)
        throw new CliError('scan takes one file (or - for standard input)');
      return scanCommand({
        file,
        json,
        strict: values.strict === true,
        ...(values.registry !== undefined ? { v1Folder: values.registry } : {}),
      });
    }
    case 'validate': {
      const started = performance.now();
      if (values.registry !== undefined) {
        // Validates that copy of the official registry: every file must convert; its examples are checked against ours.
        const { registry: ours } = compileRegistry(REGISTRY_DIR, { skipRedos: true });
        const problems: { file: string; field: string; reason: string }[] = [];
        const { info } = loadV1Folder(values.registry, ours);
        for (const s of info.skipped) problems.push({ file: s.file, field: '(file)', reason: s.reason });
        for (const p of info.refused_patterns)
          out(`note: ${p.namespace}: pattern refused as unsafe (never matches): ${p.pattern}`);
        for (const e of info.exceptions) out(`note: ${e.secid}${e.url ? ` -> ${e.url}` : ''}: ${e.reason}`);
        out(
          `${values.registry}: ${info.files} files, ${info.files - info.skipped.length} namespaces converted, ` +
            `${info.exceptions.length} examples not resolving to their URL (listed above)`,
        );
        return problems.length ? (problems.forEach((p) => out(`${p.file}: ${p.field}: ${p.reason}`)), 1) : 0;
      }
      const redos = new VerdictStore();
      const { registry, problems, files } = compileRegistry(REGISTRY_DIR, { redos });
      // Proved again here, the verdicts are the same; the committed file just lags the registry.
      if (redos.stale)
        problems.push({
          file: 'src/compiler/redos-verdicts.json',
          field: 'verdicts',
          reason: 'out of date with the registry: run npm run registry and commit the file',
        });
      const v1 = validateV1(REGISTRY_DIR, registry);
      problems.push(...v1.problems);
      const ms = Math.round(performance.now() - started);
      const v1Summary = {
        namespaces: v1.namespaces,
        examples: v1.checked,
        with_url: v1.withUrl,
        url_among_results: v1.urlAmongResults,
        exceptions: v1.exceptions.length,
      };
      if (json)
        out(
          JSON.stringify(
            {
              files,
              sources: registry.sources.length,
              entities: registry.entities.length,
              v1: v1Summary,
              v1_exceptions: v1.exceptions,
              problems,
            },
            null,
            2,
          ),
        );
      else {
        // Recorded upstream faults are never hidden: listed on every run.
        for (const e of v1.exceptions)
          out(
            `note: broken upstream: ${e.secid}${e.url ? ` -> ${e.url}` : ''}: ${e.reason.replace(/^upstream: /, '')}`,
          );
        for (const p of problems) out(`${p.file}: ${p.field}: ${p.reason}`);
        out(
          problems.length
            ? `${problems.length} problem(s) in ${files} registry files`
            : [
                `registry ok: ${files} files, ${registry.sources.length} sources, ${registry.entities.length} entities,`,
                `${registry.detector.families.length} detector families, every pattern ReDoS-safe;`,
                `SecID 1.0 import: ${v1.namespaces} namespaces, ${v1.checked} examples checked,`,
                `${v1.urlAmongResults} of ${v1.withUrl} URLs among the results`,
                `(${v1.exceptions.length} broken upstream, listed above) (${ms} ms)`,
              ].join(' '),
        );
      }
      return problems.length ? 1 : 0;
    }
    default:
      throw new CliError(`unknown command "${command}"\n\n${USAGE}`);
  }
}

/** Exit code of a failure that is ours, not the input's: distinct from 2 so scripts can tell a bug from bad input. */
export const EXIT_INTERNAL = 3;

/** What to print and which exit code to give for an error thrown by a command. */
export function describeFailure(error: unknown): { message: string; exitCode: number } {
  if (error instanceof CliError) return { message: `secid: ${error.message}`, exitCode: error.exitCode };
  if (
    error instanceof TypeError &&
    'code' in error &&
    String((error as { code: unknown }).code).startsWith('ERR_PARSE_ARGS')
  ) {
    return { message: `secid: ${error.message}\n\n${USAGE}`, exitCode: 2 };
  }
  return {
    message: `secid: internal failure (a bug, please report it): ${error instanceof Error ? error.message : String(error)}`,
    exitCode: EXIT_INTERNAL,
  };
}

async function run(): Promise<void> {
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (error) {
    const { message, exitCode } = describeFailure(error);
    process.stderr.write(`${message}\n`);
    process.exitCode = exitCode;
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!)) void run();
