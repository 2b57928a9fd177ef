import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkFile, checkTree, importsOf } from './import-rules.ts';

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
    expect(rules('main/core/feeds/x.ts', "import { r } from '../../ipc/router.ts';")[0]).toMatch(/must not import the platform, IPC/);
    expect(rules('main/cli/x.ts', "import { s } from '../platform/settings.ts';")[0]).toMatch(/without Electron/);
    expect(rules('renderer/src/x.tsx', "import { s } from '../../main/core/model.ts';")[0]).toMatch(/anything from main/);
    expect(rules('renderer/src/x.tsx', "import { s } from '../../preload/index.ts';")[0]).toMatch(/only preload\/contract/);
    expect(rules('renderer/src/x.tsx', "import fs from 'node:fs';")[0]).toMatch(/Node modules/);
    expect(rules('preload/contract.ts', "import { z } from 'zod';")[0]).toMatch(/imports nothing/);
    // Allowed:
    expect(rules('main/platform/tray.ts', "import { Tray } from 'electron';")).toEqual([]);
    expect(rules('main/index.ts', "import { app } from 'electron';")).toEqual([]);
    expect(rules('preload/index.ts', "import { contextBridge } from 'electron';")).toEqual([]);
    expect(rules('renderer/src/x.tsx', "import type { EventRecord } from '../../preload/contract.ts';")).toEqual([]);
    expect(rules('main/core/x.ts', "import type { EventRecord } from '../../preload/contract.ts';")).toEqual([]);
  });
});
