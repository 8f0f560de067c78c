// A small WebDriver BiDi client over `ws`: commands with ids, events to listeners. No maintained Node BiDi client
// is installed here (webdriverio and puppeteer would be large new dependencies), and the few commands we use are
// stable in the W3C spec.
import WebSocket from 'ws';

export interface BiDiEvent {
  method: string;
  params: Record<string, unknown>;
}

/** A remote value as BiDi serialises it (script.evaluate / script.callFunction results). */
export interface RemoteValue {
  type: string;
  value?: unknown;
  handle?: string;
  sharedId?: string;
}

export class BiDiError extends Error {
  constructor(
    readonly method: string,
    readonly error: string,
    message: string,
  ) {
    super(`${method}: ${error}: ${message}`);
  }
}

type Pending = {
  method: string;
  ok: (value: Record<string, unknown>) => void;
  fail: (error: Error) => void;
  timer: NodeJS.Timeout;
};

export class BiDiClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<(event: BiDiEvent) => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => this.receive(String(data)));
    socket.on('close', () => {
      for (const p of this.pending.values()) {
        clearTimeout(p.timer);
        p.fail(new Error(`${p.method}: connection closed`));
      }
      this.pending.clear();
    });
  }

  static async connect(url: string): Promise<BiDiClient> {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    await new Promise<void>((ok, fail) => {
      socket.once('open', () => ok());
      socket.once('error', fail);
    });
    return new BiDiClient(socket);
  }

  send<T = Record<string, unknown>>(
    method: string,
    params: Record<string, unknown> = {},
    timeoutMs = 15_000,
  ): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((ok, fail) => {
      // A command that never answers (a hung navigation) must fail the test, not the whole run.
      const timer = setTimeout(() => {
        this.pending.delete(id);
        fail(new Error(`${method}: no answer in ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { method, ok: ok as (v: Record<string, unknown>) => void, fail, timer });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /** Calls `listener` for every event; returns the unsubscribe function. */
  on(listener: (event: BiDiEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The first event named `method` that satisfies `match`, within `timeoutMs`. Subscribe to it first. */
  waitForEvent(
    method: string,
    match: (params: Record<string, unknown>) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<Record<string, unknown>> {
    return new Promise((ok, fail) => {
      const timer = setTimeout(() => {
        off();
        fail(new Error(`no ${method} event in ${timeoutMs} ms`));
      }, timeoutMs);
      const off = this.on((event) => {
        if (event.method !== method || !match(event.params)) return;
        clearTimeout(timer);
        off();
        ok(event.params);
      });
    });
  }

  close(): void {
    this.socket.close();
  }

  private receive(text: string): void {
    const message = JSON.parse(text) as {
      id?: number;
      type: string;
      result?: Record<string, unknown>;
      error?: string;
      message?: string;
    } & Partial<BiDiEvent>;
    if (message.type === 'event' && message.method) {
      for (const listener of [...this.listeners]) listener({ method: message.method, params: message.params ?? {} });
      return;
    }
    const pending = message.id !== undefined ? this.pending.get(message.id) : undefined;
    if (!pending) return;
    this.pending.delete(message.id!);
    clearTimeout(pending.timer);
    if (message.type === 'error')
      pending.fail(new BiDiError(pending.method, message.error ?? 'error', message.message ?? ''));
    else pending.ok(message.result ?? {});
  }
}

/** Turns a BiDi remote value into plain JSON-like data (objects, arrays, primitives). */
export function deserialize(value: RemoteValue): unknown {
  switch (value.type) {
    case 'undefined':
      return undefined;
    case 'null':
      return null;
    case 'string':
    case 'boolean':
      return value.value;
    case 'number':
      return typeof value.value === 'string' ? Number(value.value) : value.value;
    case 'bigint':
      return BigInt(value.value as string);
    case 'array':
    case 'set':
      return ((value.value as RemoteValue[] | undefined) ?? []).map(deserialize);
    case 'object':
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of (value.value as [string | RemoteValue, RemoteValue][] | undefined) ?? [])
        out[typeof k === 'string' ? k : String(deserialize(k))] = deserialize(v);
      return out;
    }
    default:
      // Nodes, windows, functions...: the type name is enough for an assertion message.
      return { type: value.type, ...(value.sharedId ? { sharedId: value.sharedId } : {}) };
  }
}
