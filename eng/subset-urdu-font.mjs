// Called by eng/subset-urdu-font.sh: node subset-urdu-font.mjs <fontsource package> <output folder> <web project>.
import { readFileSync, writeFileSync, readdirSync, mkdirSync, copyFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(join(process.env.NODE_PATH, 'x.js'));
const subsetFont = require('subset-font');
const [packageDir, outDir, webDir] = process.argv.slice(2);

function filesUnder(dir, test) {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'bin' || name === 'obj' ? [] : filesUnder(path, test);
    return test(path) ? [path] : [];
  });
}

// Every Urdu text the site shows: the resources' Urdu values and the Urdu treatment content.
const sources = [
  ...filesUnder(join(webDir, 'Resources'), p => p.endsWith('.ur.resx')),
  ...filesUnder(join(webDir, 'Content'), p => /[\\/]ur[\\/][^\\/]+\.json$/.test(p)),
];
const used = new Set();
for (const file of sources) {
  for (const ch of readFileSync(file, 'utf8')) {
    const code = ch.codePointAt(0);
    // Arabic-script letters, marks and punctuation (the Latin parts stay in the system font).
    if ((code >= 0x0600 && code <= 0x06ff) || (code >= 0x0750 && code <= 0x077f) || (code >= 0xfb50 && code <= 0xfdff) || (code >= 0xfe70 && code <= 0xfeff)) {
      used.add(ch);
    }
  }
}
// Always kept: Urdu punctuation and digits (a name or message a patient types may use them), the joiners, marks
// that give the vowels, and the space.
for (const ch of '،؛؟۔٪٫٬۰۱۲۳۴۵۶۷۸۹\u200c\u200d\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670 ') used.add(ch);
const text = [...used].sort().join('');

mkdirSync(outDir, { recursive: true });
const ranges = [];
for (const weight of [400, 700]) {
  const name = `noto-naskh-arabic-arabic-${weight}-normal.woff2`;
  const full = readFileSync(join(packageDir, 'files', name));
  const subset = await subsetFont(full, text, { targetFormat: 'woff2' });
  writeFileSync(join(outDir, `noto-naskh-arabic-urdu-${weight}.woff2`), subset);
  console.log(`${name}: ${full.length} bytes -> ${subset.length} bytes (${used.size} characters)`);
}
copyFileSync(join(packageDir, 'LICENSE'), join(outDir, 'LICENSE'));
const version = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version;
writeFileSync(join(outDir, 'SOURCE.txt'),
  `@fontsource/noto-naskh-arabic ${version} (npm), Arabic subset, cut to the characters of the site's Urdu text by eng/subset-urdu-font.sh.\n` +
  `Characters: ${[...used].map(c => 'U+' + c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')).join(' ')}\n`);
