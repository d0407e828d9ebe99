// npm run site: build the site into site/dist, then report each file's size
// and how long the build took.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pc } from '../lib/colour.ts';
import { buildSite } from './build-site.ts';

const outDir = fileURLToPath(new URL('dist', import.meta.url));
const started = performance.now();
const files = await buildSite({ outDir });
const seconds = ((performance.now() - started) / 1000).toFixed(1);

const width = Math.max(...files.map((file) => file.path.length));
console.log(`${'file'.padEnd(width)}  ${'bytes'.padStart(7)}`);
for (const file of files) console.log(`${file.path.padEnd(width)}  ${String(file.bytes).padStart(7)}`);
const pages = files.filter((file) => file.path.endsWith('.html'));
console.log(pc.green(`\nBuilt ${pages.length} pages in ${seconds}s: open ${path.relative(process.cwd(), path.join(outDir, 'index.html'))}`));
