import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkFile, checkTree, importsOf, providerFolders } from './import-rules.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

const rules = (file: string, text: string) => checkFile(file, text).map((v) => v.rule);

describe('layering (DESIGN.md section 2)', () => {
  it('holds over the whole tree', () => {
    const violations = checkTree(root);
    expect(violations.map((v) => `${v.file}: "${v.specifier}": ${v.rule}`)).toEqual([]);
  });

  it('sees every form of import', () => {
    const text = `import a from 'electron';\nimport type { B } from "../x.ts";\nexport { c } from './c.ts';\nconst d = await import('./d.ts');\nconst e = require('e');\nimport './side.ts';`;
    expect(importsOf(text)).toEqual(['electron', '../x.ts', './c.ts', './d.ts', 'e', './side.ts']);
  });

  it('catches each kind of violation', () => {
    expect(rules('main/core/poller/x.ts', "import { app } from 'electron';")).toHaveLength(1);
    expect(rules('main/core/x.ts', "import { tray } from '../platform/tray.ts';")[0]).toMatch(/must not import the platform/);
    expect(rules('main/core/feeds/x.ts', "import { r } from '../../ipc/router.ts';")[0]).toMatch(
      /must not import the platform, IPC/,
    );
    expect(rules('main/cli/x.ts', "import { s } from '../platform/settings.ts';")[0]).toMatch(/without Electron/);
    expect(rules('renderer/src/x.tsx', "import { s } from '../../main/core/model.ts';")[0]).toMatch(/anything from main/);
    expect(rules('renderer/src/x.tsx', "import { s } from '../../preload/index.ts';")[0]).toMatch(/only preload\/contract/);
    expect(rules('renderer/src/x.tsx', "import fs from 'node:fs';")[0]).toMatch(/Node modules/);
    expect(rules('preload/contract.ts', "import { z } from 'zod';")[0]).toMatch(/imports nothing/);
    expect(rules('preload/contract-actions.ts', "import { x } from '../main/core/model.ts';")[0]).toMatch(/imports nothing/);
    expect(rules('preload/contract.ts', "import type { ActionItem } from './contract-actions.ts';")).toEqual([]);
    // Allowed:
    expect(rules('main/platform/tray.ts', "import { Tray } from 'electron';")).toEqual([]);
    expect(rules('main/index.ts', "import { app } from 'electron';")).toEqual([]);
    expect(rules('preload/index.ts', "import { contextBridge } from 'electron';")).toEqual([]);
    expect(rules('renderer/src/x.tsx', "import type { EventRecord } from '../../preload/contract.ts';")).toEqual([]);
    expect(rules('main/core/x.ts', "import type { EventRecord } from '../../preload/contract.ts';")).toEqual([]);
  });

  it('lets only a provider folder import from itself; the registry takes its module', () => {
    const providers = providerFolders(
      "import { aModule } from './alpha/index.ts';\nimport { bModule } from './beta/index.ts';\nimport type { X } from './provider-module.ts';",
    );
    expect(providers).toEqual(['main/core/feeds/alpha', 'main/core/feeds/beta']);
    const check = (file: string, text: string) => checkFile(file, text, providers).map((v) => v.rule);
    expect(check('main/core/services/x.ts', "import { a } from '../feeds/alpha/alpha-api.ts';")[0]).toMatch(
      /only main\/core\/feeds\/alpha\/ imports from main\/core\/feeds\/alpha\//,
    );
    expect(check('main/core/feeds/beta/index.ts', "import { a } from '../alpha/alpha-form.ts';")).toHaveLength(1);
    expect(check('main/core/feeds/registry.ts', "import { a } from './alpha/alpha-api.ts';")).toHaveLength(1);
    expect(check('main/ipc/handlers.ts', "import { aModule } from '../core/feeds/alpha/index.ts';")).toHaveLength(1);
    // Allowed: inside the folder, the registry's one line, and shared code (feeds/kontur, feeds/capabilities) from a provider.
    expect(check('main/core/feeds/alpha/index.ts', "import { api } from './alpha-api.ts';")).toEqual([]);
    expect(check('main/core/feeds/registry.ts', "import { aModule } from './alpha/index.ts';")).toEqual([]);
    expect(check('main/core/feeds/alpha/index.ts', "import { konturSignIn } from '../kontur/kontur-sign-in.ts';")).toEqual([]);
  });
});
