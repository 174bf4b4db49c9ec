import { crc32, deflateRawSync } from 'node:zlib';

/**
 * A minimal single-entry ZIP archive (PKWARE APPNOTE 4.3): one local header, the deflated
 * data, one central-directory entry and the end record. Enough for `unzip`, Excel and the
 * usual libraries; no zip64, no encryption, since exports stay far below 4 GiB.
 */
function dosDateTime(epochMs: number): { time: number; date: number } {
  const d = new Date(epochMs);
  const year = Math.max(1980, d.getUTCFullYear());
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

export function zipSingleFile(name: string, content: Buffer, epochMs: number): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  const deflated = deflateRawSync(content);
  // Store when deflate does not help, as zip tools do for tiny files.
  const method = deflated.length < content.length ? 8 : 0;
  const data = method === 8 ? deflated : content;
  const checksum = crc32(content);
  const { time, date } = dosDateTime(epochMs);
  const utf8Flag = 0x0800;

  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(utf8Flag, 6);
  local.writeUInt16LE(method, 8);
  local.writeUInt16LE(time, 10);
  local.writeUInt16LE(date, 12);
  local.writeUInt32LE(checksum, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  local.writeUInt16LE(0, 28);

  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(utf8Flag, 8);
  central.writeUInt16LE(method, 10);
  central.writeUInt16LE(time, 12);
  central.writeUInt16LE(date, 14);
  central.writeUInt32LE(checksum, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  central.writeUInt32LE(0, 42);

  const centralOffset = local.length + nameBytes.length + data.length;
  const centralSize = central.length + nameBytes.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(centralOffset, 16);

  return Buffer.concat([local, nameBytes, data, central, nameBytes, end]);
}
