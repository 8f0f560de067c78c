/**
 * Read the files of a .zip archive in the browser (or Node): the central directory, then each entry stored (0) or
 * deflated (8), inflated with DecompressionStream. Enough for a GitHub "Download ZIP" of the SecID registry; anything
 * else (encryption, zip64, other methods) is a clear error, never a crash.
 */
export interface ZipFile {
  path: string;
  bytes: Uint8Array;
}

const MAX_ENTRY = 16 * 1024 * 1024;

export async function readZip(data: ArrayBuffer): Promise<ZipFile[]> {
  const view = new DataView(data);
  const bytes = new Uint8Array(data);
  // The end-of-central-directory record sits in the last 22 + 65,535 bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a .zip archive (no end of central directory)');
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const files: ZipFile[] = [];
  const decoder = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50)
      throw new Error('damaged .zip archive (central directory)');
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const compressed = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const path = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
    if (path.endsWith('/')) continue;
    if (flags & 1) throw new Error(`${path}: encrypted entries are not supported`);
    if (size > MAX_ENTRY) throw new Error(`${path}: larger than ${MAX_ENTRY / 1024 / 1024} MB`);
    if (local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50)
      throw new Error(`${path}: damaged entry`);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const raw = bytes.subarray(start, start + compressed);
    if (method === 0) files.push({ path, bytes: raw.slice() });
    else if (method === 8) files.push({ path, bytes: await inflate(raw) });
    else throw new Error(`${path}: compression method ${method} is not supported`);
  }
  return files;
}

async function inflate(raw: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([raw.slice()]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
