import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { FolderExportStore, safeFileName, type ExportFileStore } from '../../../electron/core/notifications/export-store.js';
import { closeAll, startHarness, type Harness } from './support/listener-harness.js';
import { RawConnection, buildRequest, rawRequest } from './support/raw-http.js';

const open: Harness[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await closeAll(open);
  await Promise.all(dirs.splice(0).map((d) => fs.rm(d, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-exports-'));
  dirs.push(dir);
  return dir;
}

function sampleExport(): Buffer {
  const csv = '\uFEFFTRANSACTIONID;ORDERID;AMOUNT\nA1;O1;1000\nA2;O2;2500\n'.repeat(2000);
  return gzipSync(Buffer.from(csv, 'utf8'));
}

async function startWithFolder(extra: Parameters<typeof startHarness>[1] = {}) {
  const dir = await tempDir();
  const store = new FolderExportStore(dir);
  const h = await startHarness(open, { exportStore: store, ...extra });
  return { h, dir, folder: store.folder };
}

async function storedFiles(folder: string): Promise<string[]> {
  return (await fs.readdir(folder)).sort();
}

describe('export uploads', () => {
  it('stores a raw gzip body byte for byte under exports/<timestamp>-<name>', async () => {
    const { h, folder } = await startWithFolder({ now: () => Date.UTC(2025, 0, 31, 12, 0, 0, 123) });
    const data = sampleExport();
    const res = await rawRequest(
      h.port,
      buildRequest({
        path: '/dalenys/export?ref=exp-1',
        headers: { 'Content-Type': 'application/gzip', 'Content-Disposition': 'attachment; filename="transactions-2025-01.csv.gz"' },
        body: data,
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toBe('OK');
    const files = await storedFiles(folder);
    expect(files).toEqual(['2025-01-31T12-00-00-123Z-transactions-2025-01.csv.gz']);
    expect(Buffer.compare(await fs.readFile(path.join(folder, files[0] as string)), data)).toBe(0);
    expect(h.listener.exportUrl).toBe(`${h.listener.url}/dalenys/export`);
  });

  it('stores the file part of a multipart upload byte for byte (real fetch FormData)', async () => {
    const { h, folder } = await startWithFolder();
    const data = sampleExport();
    const form = new FormData();
    form.append('reference', 'exp-2');
    form.append('file', new Blob([new Uint8Array(data)], { type: 'application/gzip' }), 'reconciliation.csv.gz');
    const res = await fetch(`${h.listener.exportUrl}?ref=exp-2`, { method: 'POST', body: form });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('OK');
    const files = await storedFiles(folder);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z-reconciliation\.csv\.gz$/);
    expect(Buffer.compare(await fs.readFile(path.join(folder, files[0] as string)), data)).toBe(0);
  });

  it('stores raw CSV and octet-stream bodies, naming them from the type when no name is given', async () => {
    const { h, folder } = await startWithFolder();
    const csv = Buffer.from('A;B\n1;2\n');
    expect((await rawRequest(h.port, buildRequest({ path: '/dalenys/export', headers: { 'Content-Type': 'text/csv' }, body: csv }))).status).toBe(200);
    const bin = Buffer.from([0, 1, 2, 255]);
    expect(
      (await rawRequest(h.port, buildRequest({ path: '/dalenys/export', headers: { 'Content-Type': 'application/octet-stream' }, body: bin }))).status,
    ).toBe(200);
    const files = await storedFiles(folder);
    expect(files.map((f) => f.replace(/^.*Z-/, '')).sort()).toEqual(['export.bin', 'export.csv']);
  });

  it('refuses what is not one export file, and stores nothing', async () => {
    const { h, folder } = await startWithFolder({ limits: { maxExportBytes: 1024 } });
    const twoFiles = [
      '--B\r\nContent-Disposition: form-data; name="a"; filename="a.csv"\r\n\r\n1\r\n',
      '--B\r\nContent-Disposition: form-data; name="b"; filename="b.csv"\r\n\r\n2\r\n--B--\r\n',
    ].join('');
    const cases: Array<[number, Buffer]> = [
      [405, buildRequest({ method: 'GET', path: '/dalenys/export' })],
      [400, buildRequest({ path: '/dalenys/export', headers: { 'Content-Type': 'multipart/form-data; boundary=B' }, body: twoFiles })],
      [400, buildRequest({ path: '/dalenys/export', headers: { 'Content-Type': 'multipart/form-data' }, body: 'x' })],
      [400, buildRequest({ path: '/dalenys/export', headers: { 'Content-Type': 'multipart/form-data; boundary=B' }, body: 'garbage' })],
      [400, buildRequest({ path: '/dalenys/export', headers: { 'Content-Type': 'application/gzip' }, body: '' })],
      [415, buildRequest({ path: '/dalenys/export', headers: { 'Content-Type': 'application/json' }, body: '{}' })],
      [413, buildRequest({ path: '/dalenys/export', headers: { 'Content-Type': 'application/gzip' }, body: Buffer.alloc(2048) })],
    ];
    for (const [status, request] of cases) {
      expect((await rawRequest(h.port, request)).status).toBe(status);
    }
    await expect(fs.readdir(folder)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses an upload the authoriser rejects (403)', async () => {
    const { h } = await startWithFolder({ authorizeExport: (q) => q.ref === 'expected' });
    const req = (ref: string) =>
      rawRequest(h.port, buildRequest({ path: `/dalenys/export?ref=${ref}`, headers: { 'Content-Type': 'text/csv' }, body: 'a;b\n' }));
    expect((await req('guess')).status).toBe(403);
    expect((await req('expected')).status).toBe(200);
  });

  it('answers 500 when the export store fails', async () => {
    const failing: ExportFileStore = { save: () => Promise.reject(Object.assign(new Error('disk full'), { code: 'ENOSPC' })) };
    const h = await startHarness(open, { exportStore: failing });
    const res = await rawRequest(h.port, buildRequest({ path: '/dalenys/export', headers: { 'Content-Type': 'text/csv' }, body: 'a;b\n' }));
    expect(res.status).toBe(500);
    expect(res.body).toBe('NOTIFY_EXPORT_STORE_FAILED');
  });

  it('answers 503 to uploads beyond the concurrency limit, so memory stays bounded', async () => {
    const saving: Array<{ name: string; release: () => void }> = [];
    let entered: () => void = () => undefined;
    const slowStore: ExportFileStore = {
      save: (file) =>
        new Promise((resolve) => {
          saving.push({ name: file.name, release: () => resolve({ location: file.name }) });
          entered();
        }),
    };
    const nextSave = () => new Promise<void>((resolve) => (entered = resolve));
    const h = await startHarness(open, { exportStore: slowStore, limits: { maxConcurrentExports: 1 } });
    const upload = (name: string) =>
      rawRequest(
        h.port,
        buildRequest({
          path: '/dalenys/export',
          headers: { 'Content-Type': 'text/csv', 'Content-Disposition': `attachment; filename="${name}"` },
          body: 'a;b\n',
        }),
      );

    const firstSaving = nextSave();
    const first = upload('first.csv');
    await firstSaving;
    const busy = await upload('second.csv');
    expect(busy.status).toBe(503);
    expect(busy.headers['retry-after']).toBe('30');
    saving[0]?.release();
    expect((await first).status).toBe(200);

    const thirdSaving = nextSave();
    const third = upload('third.csv');
    await thirdSaving;
    saving[1]?.release();
    expect((await third).status).toBe(200);
    expect(saving.map((s) => s.name)).toEqual(['first.csv', 'third.csv']);
  });

  it('cuts an upload over the cap while it streams (413)', async () => {
    const { h } = await startWithFolder({ limits: { maxExportBytes: 64 * 1024 } });
    const conn = await RawConnection.connect(h.port);
    const head = 'POST /dalenys/export HTTP/1.1\r\nHost: x\r\nContent-Type: application/gzip\r\nTransfer-Encoding: chunked\r\n\r\n';
    const chunk = `8000\r\n${'z'.repeat(0x8000)}\r\n`;
    const res = await conn.request(head + chunk + chunk + chunk);
    expect(res.status).toBe(413);
    await conn.whenClosed();
  });
});

describe('folder export store', () => {
  it('never overwrites a file that arrived in the same millisecond, and leaves no temporary files', async () => {
    const dir = await tempDir();
    const store = new FolderExportStore(dir);
    const at = Date.UTC(2025, 5, 1);
    const saves = await Promise.all(
      ['one', 'two', 'three'].map((content) =>
        store.save({ name: 'same.csv', contentType: 'text/csv', data: Buffer.from(content), receivedAt: at, query: {} }),
      ),
    );
    const files = await fs.readdir(store.folder);
    expect(files.sort()).toEqual(['2025-06-01T00-00-00-000Z-2-same.csv', '2025-06-01T00-00-00-000Z-3-same.csv', '2025-06-01T00-00-00-000Z-same.csv']);
    const contents = await Promise.all(saves.map((s) => fs.readFile(s.location, 'utf8')));
    expect(contents.sort()).toEqual(['one', 'three', 'two']);
  });

  it('sanitises names: no folders, no odd characters', () => {
    expect(safeFileName('../../etc/passwd', 'text/csv')).toBe('passwd');
    expect(safeFileName('C:\\Users\\x\\rapport final.csv', 'text/csv')).toBe('rapport_final.csv');
    expect(safeFileName('..', 'application/zip')).toBe('export.zip');
    expect(safeFileName(undefined, 'application/gzip; charset=binary')).toBe('export.gz');
    expect(safeFileName('.hidden', 'text/csv')).toBe('hidden');
  });
});
