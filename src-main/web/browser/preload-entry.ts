// The web edition's preload: the real Electron preload, with 'electron' aliased to electron-shim.ts
// by vite.web.config.ts. It runs before the app's module script.
import '../../electron/preload';
