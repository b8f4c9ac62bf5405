/** Undoing a response's `content-encoding` (gzip, deflate, br), the codings the transport asks for. */
import zlib from 'node:zlib';
/** What decoding reads of a response's headers. */
export interface HeaderReader {
  get(name: string): string | null;
}

/** A body that its `content-encoding` does not describe: truncated or corrupt on the way. */
export class BodyDecodingError extends Error {}

type Decompress = (input: Buffer, callback: (error: Error | null, output: Buffer) => void) => void;

const DECOMPRESSORS: Record<string, Decompress> = {
  gzip: zlib.gunzip,
  'x-gzip': zlib.gunzip,
  br: zlib.brotliDecompress,
  // `deflate` is meant to be zlib-wrapped, but some servers send raw deflate: a zlib header says which.
  deflate: (input, callback) =>
    ((input[0]! & 0x0f) === 0x08 ? zlib.inflate : zlib.inflateRaw)(input, callback),
};

/** The body, decompressed as its `content-encoding` says (codings applied in order are undone in reverse). */
export async function decodeBody(response: { headers: HeaderReader; payload: Buffer }): Promise<Buffer> {
  const encoding = response.headers.get('content-encoding');
  let body = response.payload;
  if (!encoding || body.length === 0) return body;
  for (const coding of encoding.toLowerCase().split(',').reverse()) {
    body = await decompress(coding.trim(), body);
  }
  return body;
}

function decompress(coding: string, input: Buffer): Promise<Buffer> {
  if (coding === 'identity' || coding === '') return Promise.resolve(input);
  const run = DECOMPRESSORS[coding];
  if (!run) return Promise.reject(new BodyDecodingError(`unsupported content-encoding ${coding}`));
  return new Promise((resolve, reject) =>
    run(input, (error, output) =>
      error
        ? reject(new BodyDecodingError(`cannot decompress the ${coding} body (${error.message})`))
        : resolve(output),
    ),
  );
}
