import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { bundleSizes } from './dashboard-bundle';

describe('the bundle sizes', () => {
  let dist: string;
  beforeAll(() => {
    dist = mkdtempSync(join(tmpdir(), 'bundle-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'assets', 'index-a1.js'), 'const a = 1;'.repeat(500));
    writeFileSync(join(dist, 'assets', 'echarts-b2.js'), Array.from({ length: 3000 }, (_, i) => `x${i * 7919}`).join(';'));
    writeFileSync(join(dist, 'assets', 'index-c3.css'), 'body{margin:0}');
    writeFileSync(join(dist, 'assets', 'logo-d4.svg'), '<svg/>');
    writeFileSync(join(dist, 'index.html'), '<!doctype html>');
  });
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it('gzips every script and style sheet, largest first, and totals the JavaScript', async () => {
    const sizes = await bundleSizes(dist);
    const gzip = (text: string) => gzipSync(Buffer.from(text), { level: 9 }).length;
    const index = 'const a = 1;'.repeat(500);
    const echarts = Array.from({ length: 3000 }, (_, i) => `x${i * 7919}`).join(';');
    expect(sizes.javascript).toEqual([
      { file: 'echarts-b2.js', bytes: echarts.length, gzip: gzip(echarts) },
      { file: 'index-a1.js', bytes: index.length, gzip: gzip(index) },
    ]);
    expect(sizes.javascriptGzip).toBe(gzip(echarts) + gzip(index));
    expect(sizes.css).toEqual([{ file: 'index-c3.css', bytes: 14, gzip: gzip('body{margin:0}') }]);
    expect(sizes.cssGzip).toBe(gzip('body{margin:0}'));
  });
});
