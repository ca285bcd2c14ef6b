// Where Excalidraw loads its fonts from: our own origin (the build copies them there, see
// vite.config.ts); the Content-Security-Policy allows no other host. Set before Excalidraw's module
// runs, since it reads the path once, when it registers its fonts: the editor page imports this,
// and only then loads the canvas chunk.
declare global {
  interface Window {
    EXCALIDRAW_ASSET_PATH?: string | string[];
  }
}

window.EXCALIDRAW_ASSET_PATH = '/assets/excalidraw/';

export {};
