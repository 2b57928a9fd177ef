// The app's version, from package.json, for the User-Agent and "about".
import pkg from '../../package.json' with { type: 'json' };

export const APP_VERSION: string = pkg.version;
