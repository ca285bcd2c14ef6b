// Set before Excalidraw's module runs (Canvas.tsx imports this first):
//  - where Excalidraw loads its fonts from: our own origin (the build copies them there, see
//    vite.config.ts); the Content-Security-Policy allows no other host. It reads the path once,
//    when it registers its fonts;
//  - Excalidraw's render throttling (its own opt-in switch, used by excalidraw.com): the canvases
//    are redrawn once per animation frame however many pointer or wheel events arrive in it, which
//    keeps panning a large diagram within a frame.
declare global {
  interface Window {
    EXCALIDRAW_ASSET_PATH?: string | string[];
    EXCALIDRAW_THROTTLE_RENDER?: boolean;
  }
}

window.EXCALIDRAW_ASSET_PATH = '/assets/excalidraw/';
window.EXCALIDRAW_THROTTLE_RENDER = true;

export {};
