// The provider is the unit of change: a provider's id, as a word (what `grep -rnw <id>` finds), appears in product code
// only inside its own folder main/core/feeds/<id>/ and in the registry's line for it. The core, the IPC handlers, the
// notification policy, the window and the styles read the module's data or its capabilities instead.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROVIDER_MODULES } from '../../main/core/feeds/registry.ts';
import { PROVIDER_REGISTRY } from './import-rules.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const PRODUCT = ['main', 'preload', 'renderer'];
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs|css|html|svg)$/;

function productFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (SOURCE.test(name)) files.push(relative(root, path).split(sep).join('/'));
    }
  };
  for (const top of PRODUCT) walk(join(root, top));
  return files;
}

/** Where each built-in provider's id stands as a word, outside its own folder: "file:line". */
function hits(): Map<string, string[]> {
  const ids = Object.keys(PROVIDER_MODULES);
  const found = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const file of productFiles()) {
    const lines = readFileSync(join(root, file), 'utf8').split('\n');
    for (const id of ids) {
      if (file.startsWith(`main/core/feeds/${id}/`)) continue;
      const word = new RegExp(`(?<![A-Za-z0-9_])${id}(?![A-Za-z0-9_])`);
      lines.forEach((line, i) => {
        if (word.test(line)) found.get(id)!.push(`${file}:${i + 1}`);
      });
    }
  }
  return found;
}

describe('provider ids outside their folders', () => {
  const all = hits();

  it.each(Object.keys(PROVIDER_MODULES))('%s: only the registry line', (id) => {
    const lines = all.get(id)!;
    const registry = lines.filter((hit) => hit.startsWith(`${PROVIDER_REGISTRY}:`));
    // The import of its module and its entry in the table.
    expect(registry).toHaveLength(2);
    const elsewhere = lines.filter((hit) => !hit.startsWith(`${PROVIDER_REGISTRY}:`));
    expect(elsewhere).toEqual([]);
  });
});
