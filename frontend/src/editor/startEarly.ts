// main.tsx's first import. Modules run in the order they are imported, so this runs before React
// and the app's own modules (the entry's evaluation, ~180 ms on a loaded 2-core machine): opening
// /files/{id} starts the file's GET, the editor's chunks and the canvas's font before that, not
// after. Kept free of React (app/match.ts, not the router).
import { match } from '../app/match';
import { preloadEditor } from './preload';

preloadEditor(match('/files/:id', window.location.pathname)?.id ?? null);
