import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleFile {
  file: string;
  bytes: number;
  gzip: number;
}

export interface BundleSizes {
  javascript: BundleFile[];
  css: BundleFile[];
  /** Gzip bytes of all JavaScript: what the budget is about. */
  javascriptGzip: number;
  cssGzip: number;
}

/** Each built script and style sheet under `<dist>/assets`, raw and gzipped (level 9, as a server would serve it), largest first. */
export async function bundleSizes(distDir: string): Promise<BundleSizes> {
  const assets = join(distDir, 'assets');
  const files = await Promise.all(
    (await readdir(assets))
      .filter((file) => file.endsWith('.js') || file.endsWith('.css'))
      .map(async (file) => {
        const content = await readFile(join(assets, file));
        return { file, bytes: content.length, gzip: gzipSync(content, { level: 9 }).length };
      }),
  );
  const sorted = files.sort((a, b) => b.gzip - a.gzip);
  const javascript = sorted.filter(({ file }) => file.endsWith('.js'));
  const css = sorted.filter(({ file }) => file.endsWith('.css'));
  const sum = (list: BundleFile[]) => list.reduce((total, { gzip }) => total + gzip, 0);
  return { javascript, css, javascriptGzip: sum(javascript), cssGzip: sum(css) };
}
