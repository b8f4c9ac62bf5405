/** Tiny installable wheels, built in memory: a stored zip with METADATA, WHEEL and RECORD (PEP 427, PEP 566). */
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';

export interface WheelSpec {
  name: string;
  version: string;
  requiresPython?: string;
  requiresDist?: readonly string[];
}

/** The PEP 427 file name part of a project name: runs of `-_.` become `_`. */
export function wheelStem(name: string): string {
  return name.replace(/[-_.]+/g, '_');
}

export function wheelFilename(spec: WheelSpec): string {
  return `${wheelStem(spec.name)}-${spec.version}-py3-none-any.whl`;
}

export function wheelMetadata(spec: WheelSpec): string {
  const extras = new Set<string>();
  for (const line of spec.requiresDist ?? []) {
    for (const m of line.matchAll(/extra\s*==\s*["']([^"']+)["']/g)) extras.add(m[1]!);
  }
  return [
    'Metadata-Version: 2.1',
    `Name: ${spec.name}`,
    `Version: ${spec.version}`,
    ...(spec.requiresPython ? [`Requires-Python: ${spec.requiresPython}`] : []),
    ...[...extras].map((e) => `Provides-Extra: ${e}`),
    ...(spec.requiresDist ?? []).map((r) => `Requires-Dist: ${r}`),
    '',
  ].join('\n');
}

export function buildWheel(spec: WheelSpec): Buffer {
  const info = `${wheelStem(spec.name)}-${spec.version}.dist-info`;
  const files: [string, Buffer][] = [
    [`${info}/METADATA`, Buffer.from(wheelMetadata(spec))],
    [
      `${info}/WHEEL`,
      Buffer.from('Wheel-Version: 1.0\nGenerator: pingate-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n'),
    ],
  ];
  const record = files
    .map(
      ([path, data]) =>
        `${path},sha256=${createHash('sha256').update(data).digest('base64url')},${data.length}`,
    )
    .concat(`${info}/RECORD,,`)
    .join('\n');
  files.push([`${info}/RECORD`, Buffer.from(`${record}\n`)]);
  return storedZip(files);
}

function storedZip(files: readonly [string, Buffer][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [path, data] of files) {
    const name = Buffer.from(path);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
