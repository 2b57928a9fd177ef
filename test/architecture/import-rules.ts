// The import rules of DESIGN.md section 2, as a check over source text (run by layers.test.ts in npm test).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

export interface Violation {
  file: string;
  specifier: string;
  rule: string;
}

const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;
const IMPORT =
  /(?:import|export)\s+(?:type\s+)?(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;

const ELECTRON_ALLOWED = (file: string) =>
  file.startsWith('main/platform/') || file === 'main/index.ts' || file === 'preload/index.ts';

/** Every import specifier in a source text (static, dynamic, require, re-export). */
export function importsOf(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2] ?? match[3];
    if (specifier) found.push(specifier);
  }
  return found;
}

export const PROVIDER_REGISTRY = 'main/core/feeds/registry.ts';

/** The provider folders ("main/core/feeds/<id>"): those the registry takes a provider module from. */
export function providerFolders(registryText: string): string[] {
  const folders = importsOf(registryText)
    .map((specifier) => /^\.\/([^/]+)\/index\.ts$/.exec(specifier)?.[1])
    .filter((folder): folder is string => folder !== undefined);
  return folders.map((folder) => `main/core/feeds/${folder}`);
}

/**
 * Checks one file (path relative to the repo root, with "/") against the rules. `providers`: the provider folders
 * (providerFolders), whose files only they themselves may import, and the registry their module.
 */
export function checkFile(file: string, text: string, providers: readonly string[] = []): Violation[] {
  const violations: Violation[] = [];
  for (const specifier of importsOf(text)) {
    const target = specifier.startsWith('.')
      ? relative('.', join(dirname(file), specifier))
          .split(sep)
          .join('/')
      : null;
    const add = (rule: string) => violations.push({ file, specifier, rule });
    if ((specifier === 'electron' || specifier.startsWith('electron/')) && !ELECTRON_ALLOWED(file)) {
      add("only main/platform/**, main/index.ts and preload/index.ts may import 'electron'");
    }
    if (
      file.startsWith('main/core/') &&
      target &&
      (target.startsWith('main/platform/') ||
        target === 'main/index.ts' ||
        target.startsWith('main/ipc/') ||
        target.startsWith('main/cli/'))
    ) {
      add('main/core/** must not import the platform, IPC or CLI layers; define a port instead');
    }
    if (file.startsWith('main/cli/') && target && (target.startsWith('main/platform/') || target === 'main/index.ts')) {
      add('main/cli/** runs without Electron and must not import main/platform/**');
    }
    if (file.startsWith('renderer/')) {
      if (target && target.startsWith('main/')) add('renderer/** must not import anything from main/');
      if (target && target.startsWith('preload/') && target !== 'preload/contract.ts' && target !== 'preload/contract') {
        add('renderer/** may import only preload/contract.ts from preload/');
      }
      if (!target && /^node:|^(fs|path|child_process|os|net|http|https)$/.test(specifier))
        add('renderer/** must not import Node modules');
    }
    // The contract is one API in a few files (contract.ts re-exports its parts): each imports only the others.
    const contractFile = (path: string | null | undefined) =>
      typeof path === 'string' && /^preload\/contract(-[a-z-]+)?\.ts$/.test(path);
    if (contractFile(file) && !contractFile(target)) add('preload/contract.ts imports nothing but its own parts');
    const folder = target ? providers.find((dir) => target.startsWith(`${dir}/`)) : undefined;
    if (folder && !file.startsWith(`${folder}/`) && !(file === PROVIDER_REGISTRY && target === `${folder}/index.ts`)) {
      add(
        `only ${folder}/ imports from ${folder}/ (the registry takes its module); other code reads the provider through the registry`,
      );
    }
  }
  return violations;
}

/** Checks every source file under the layered folders of the repo at `root`. */
export function checkTree(root: string): Violation[] {
  const violations: Violation[] = [];
  const providers = providerFolders(readFileSync(resolve(root, PROVIDER_REGISTRY), 'utf8'));
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (SOURCE.test(name)) {
        const file = relative(root, path).split(sep).join('/');
        violations.push(...checkFile(file, readFileSync(path, 'utf8'), providers));
      }
    }
  };
  for (const top of ['main', 'preload', 'renderer']) walk(resolve(root, top));
  return violations;
}
