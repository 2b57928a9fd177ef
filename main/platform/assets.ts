// Paths of the icons main needs at run time; electron-vite copies each `?asset` import into out/main and resolves its path.
/// <reference types="electron-vite/node" />
import appIcon from '../../assets/icon-256.png?asset';
import tray16 from '../../assets/tray-16.png?asset';
import tray32 from '../../assets/tray-32.png?asset';
import trayTemplate16 from '../../assets/trayTemplate.png?asset';
import trayTemplate32 from '../../assets/trayTemplate@2x.png?asset';

export const ASSET_PATHS = { appIcon, tray16, tray32, trayTemplate16, trayTemplate32 } as const;
