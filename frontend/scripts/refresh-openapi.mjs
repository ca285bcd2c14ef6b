// Refreshes the committed API snapshot (openapi.json) from a running platform's merged document,
// GET /api/docs on the gateway (./autograph up). The build generates src/api/schema.d.ts from the
// snapshot, and a platform test fails while the live document differs from it.
// Usage: npm run refresh-openapi [-- http://127.0.0.1:8080]
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const base = process.argv[2] ?? process.env.AUTOGRAPH_URL ?? 'http://127.0.0.1:8080';
const response = await fetch(new URL('/api/docs', base)).catch((error) => {
  console.error(`refresh-openapi: cannot reach ${base} (${error.cause?.code ?? error.message}); start the platform with ./autograph up`);
  process.exit(1);
});
if (!response.ok) {
  console.error(`refresh-openapi: GET ${base}/api/docs answered ${response.status}`);
  process.exit(1);
}
const document = await response.json();
const unavailable = (document['x-autograph-services'] ?? []).filter((s) => s.status !== 'ok').map((s) => s.service);
if (unavailable.length) {
  console.error(`refresh-openapi: services did not answer: ${unavailable.join(', ')}; the snapshot would miss their paths`);
  process.exit(1);
}
const target = fileURLToPath(new URL('../openapi.json', import.meta.url));
writeFileSync(target, JSON.stringify(document, null, 2) + '\n');
console.log(`refresh-openapi: wrote ${target} (${Object.keys(document.paths ?? {}).length} paths)`);
