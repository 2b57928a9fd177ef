// PowerEvents over Electron's powerMonitor: wake from sleep and screen unlock both mean "poll again soon".
import { powerMonitor } from 'electron';
import type { PowerEvents } from '../core/ports.ts';

export const electronPowerEvents: PowerEvents = {
  onResume(listener) {
    const handler = () => listener();
    powerMonitor.on('resume', handler);
    powerMonitor.on('unlock-screen', handler);
    return () => {
      powerMonitor.removeListener('resume', handler);
      powerMonitor.removeListener('unlock-screen', handler);
    };
  },
};
