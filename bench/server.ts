// Serves the generated pages on one port over both 127.0.0.1 (the extension runs) and localhost (the extension is
// excluded there), so ours, the peers and the floor load byte-identical pages in one browser session.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import { join, normalize, resolve } from 'node:path';

export interface BenchServer {
  port: number;
  /** Base URL where the extension runs. */
  on: string;
  /** Base URL where the extension is excluded by settings (localhost). */
  off: string;
  close(): Promise<void>;
}

export async function startBenchServer(dir: string): Promise<BenchServer> {
  const root = resolve(dir);
  const handler: RequestListener = (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const file = join(root, normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, ''));
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile())
      return void res.writeHead(404).end('not found');
    const type = file.endsWith('.html')
      ? 'text/html; charset=utf-8'
      : file.endsWith('.js')
        ? 'text/javascript; charset=utf-8'
        : 'application/octet-stream';
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  };
  const listen = (server: Server, host: string, port: number) =>
    new Promise<number>((ok, fail) => {
      server.once('error', fail);
      server.listen(port, host, () => {
        const a = server.address();
        ok(typeof a === 'object' && a ? a.port : 0);
      });
    });
  const v4 = createServer(handler);
  const port = await listen(v4, '127.0.0.1', 0);
  // Chromium may try ::1 first for localhost; answer there too when the machine has IPv6 loopback.
  const v6 = createServer(handler);
  const hasV6 = await listen(v6, '::1', port).then(
    () => true,
    () => false,
  );
  const close = (s: Server) =>
    new Promise<void>((ok) => {
      s.close(() => ok());
      s.closeAllConnections();
    });
  return {
    port,
    on: `http://127.0.0.1:${port}`,
    off: `http://localhost:${port}`,
    close: async () => {
      await close(v4);
      if (hasV6) await close(v6);
    },
  };
}
