// Writes a gzip twin (name.gz) of every compressible file of the build, at the highest level, so
// that the gateway sends compressed bytes without compressing on each request. Usage:
// node scripts/precompress.mjs dist
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, constants } from 'node:zlib';

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map|wasm)$/;
const MIN_BYTES = 1024; // below this a gzip header costs more than it saves

const root = process.argv[2];
if (!root) {
  console.error('usage: node scripts/precompress.mjs DIRECTORY');
  process.exit(2);
}

let files = 0;
let raw = 0;
let packed = 0;
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      walk(path);
    } else if (COMPRESSIBLE.test(name) && statSync(path).size >= MIN_BYTES) {
      const content = readFileSync(path);
      const gz = gzipSync(content, { level: constants.Z_BEST_COMPRESSION });
      if (gz.length < content.length) {
        writeFileSync(path + '.gz', gz);
        files++;
        raw += content.length;
        packed += gz.length;
      }
    }
  }
}
walk(root);
console.log(`precompress: ${files} files, ${(raw / 1024).toFixed(1)} KB -> ${(packed / 1024).toFixed(1)} KB gzipped`);
