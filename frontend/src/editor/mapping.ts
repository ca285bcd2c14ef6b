// The canonical diagram document (docs/diagram-document.md) ↔ Excalidraw's scene elements, the same
// mapping as diagram-model's Java converter (formats/excalidraw): shape ids stay element ids,
// bound text becomes the shape's label, Excalidraw's groupIds become group shapes, and what the
// document has no field for travels in each shape's `excalidraw` extension field so that
// document → canvas → document gives the document back. Fields the canvas does not show (other
// extension fields, font weight, hidden shapes and their subtrees) are carried over from the
// document the canvas was loaded from.
//
// Kept free of Excalidraw's own code: it runs in tests under Node and costs the dashboard nothing.

/* eslint-disable @typescript-eslint/no-explicit-any */
import { keyOfFileId, UPLOAD_SCHEME, uploadFileId, uploadKey } from './uploads';
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Bag = { [key: string]: Json };

export interface Endpoint {
  shape_id?: string;
  x?: number;
  y?: number;
  [unknown: string]: unknown;
}

export interface Style {
  stroke_color?: string;
  fill_color?: string;
  fill_style?: string;
  stroke_style?: string;
  stroke_width?: number;
  opacity?: number;
  corner_radius?: number;
  font_family?: string;
  font_size?: number;
  text_align?: string;
  text_color?: string;
  [unknown: string]: unknown;
}

export interface Shape {
  id: string;
  type: string;
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  rotation?: number;
  z_index?: number;
  locked?: boolean;
  hidden?: boolean;
  text?: string;
  icon?: string;
  parent_id?: string | null;
  style?: Style;
  start?: Endpoint;
  end?: Endpoint;
  points?: [number, number][];
  routing?: string;
  start_arrowhead?: string;
  end_arrowhead?: string;
  collapsed?: boolean;
  src?: string;
  excalidraw?: Bag;
  [unknown: string]: unknown;
}

export interface DiagramDocument {
  schema_version: number;
  shapes: Shape[];
  background?: string;
  [unknown: string]: unknown;
}

/** An Excalidraw element as JSON (its own type lives in the lazily loaded package). */
export type Element = { id: string; type: string; [key: string]: any };

/** Excalidraw's binary files (images), by file id. */
export type Files = Record<string, { id: string; dataURL: string; mimeType: string; created: number; [key: string]: any }>;

export interface Scene {
  elements: Element[];
  files: Files;
  background: string;
}

export const FIELD = 'excalidraw';
export const EMPTY_DOCUMENT: DiagramDocument = { schema_version: 1, shapes: [] };

const FONTS: Record<number, string> = {
  1: 'Virgil',
  2: 'Helvetica',
  3: 'Cascadia',
  5: 'Excalifont',
  6: 'Nunito',
  7: 'Lilita One',
  8: 'Comic Shanns',
  9: 'Liberation Sans',
};

const FILL_STYLES: Record<string, string> = {
  solid: 'solid',
  hachure: 'hachure',
  'cross-hatch': 'cross_hatch',
  zigzag: 'pattern',
  'zigzag-line': 'pattern',
  dots: 'pattern',
  dashed: 'pattern',
};

const ARROWHEADS: Record<string, string> = {
  arrow: 'arrow',
  bar: 'bar',
  dot: 'circle',
  circle: 'circle',
  circle_outline: 'circle',
  triangle: 'triangle',
  triangle_outline: 'triangle',
  diamond: 'diamond',
  diamond_outline: 'diamond',
  crowfoot_one: 'one',
  crowfoot_many: 'many',
  crowfoot_one_or_many: 'one_or_many',
};

const ELEMENT_TYPES: Record<string, string> = {
  rectangle: 'rectangle',
  ellipse: 'ellipse',
  diamond: 'diamond',
  text: 'text',
  arrow: 'arrow',
  line: 'line',
  freedraw: 'freehand',
  frame: 'frame',
  magicframe: 'frame',
  image: 'image',
};

/** Style keys the canvas sets; the others (font weight, extension keys) are the document's. */
const CANVAS_STYLE_KEYS = [
  'stroke_color',
  'fill_color',
  'fill_style',
  'stroke_style',
  'stroke_width',
  'opacity',
  'corner_radius',
  'font_family',
  'font_size',
  'text_align',
  'text_color',
];

/** Shape keys the canvas sets; the others (extension fields, collapsed) are kept from the document. */
const CANVAS_SHAPE_KEYS = [
  'id',
  'type',
  'x',
  'y',
  'width',
  'height',
  'rotation',
  'z_index',
  'locked',
  'hidden',
  'text',
  'icon',
  'parent_id',
  'style',
  'start',
  'end',
  'points',
  'routing',
  'start_arrowhead',
  'end_arrowhead',
  'src',
  FIELD,
];

const isConnector = (type: string) => type === 'arrow' || type === 'line';
const isObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);
const finite = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const num = (v: unknown, absent: number) => finite(v) ?? absent;
const round6 = (v: number) => Math.round(v * 1e6) / 1e6;
/** A deep copy as a JSON round trip makes it (NaN → null), without the round trip for plain values. */
const copy = <T>(v: T): T => {
  if (v === undefined || v === null) return v;
  if (typeof v !== 'object') return (typeof v === 'number' && !Number.isFinite(v) ? null : v) as T;
  return JSON.parse(JSON.stringify(v)) as T;
};

/**
 * An element's fields for its shape's bag: the same as `copy(element)` once {@link deepen} has run,
 * but only the fields the bag keeps are copied deeply (an element's nested values are mostly fields
 * the mapping drops: copying them all made reading the canvas's document most of its cost).
 */
function shallowFields(e: Element): Bag {
  const out: Bag = {};
  for (const key of Object.keys(e)) {
    const value = e[key];
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    out[key] = typeof value === 'number' && !Number.isFinite(value) ? null : value;
  }
  return out;
}

/** The bag's nested values copied, so that it shares nothing with the element it came from. */
function deepen(bag: Bag): Bag {
  for (const key of Object.keys(bag)) {
    const value = bag[key];
    if (typeof value === 'object' && value !== null) bag[key] = copy(value);
  }
  return bag;
}

function normalizeColor(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim();
  if (/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/.test(v)) return v.toLowerCase();
  if (v.toLowerCase() === 'transparent') return 'transparent';
  return undefined;
}

function arrowheadName(a: string): string | null {
  switch (a) {
    case 'arrow':
    case 'triangle':
    case 'diamond':
    case 'circle':
    case 'bar':
      return a;
    case 'one':
    case 'zero_or_one':
      return 'crowfoot_one';
    case 'many':
    case 'zero_or_many':
      return 'crowfoot_many';
    case 'one_or_many':
      return 'crowfoot_one_or_many';
    default:
      return null;
  }
}

function fillStyleName(f: string): string {
  switch (f) {
    case 'hachure':
      return 'hachure';
    case 'cross_hatch':
      return 'cross-hatch';
    case 'pattern':
      return 'zigzag';
    default:
      return 'solid';
  }
}

function fontNumber(family: string): number {
  for (const [n, name] of Object.entries(FONTS)) if (name.toLowerCase() === family.toLowerCase()) return Number(n);
  return family.toLowerCase().includes('mono') ? 3 : 2;
}

/** Excalidraw's corner radius for a rounded rectangle of this size (adaptive or proportional). */
function cornerRadius(roundness: Record<string, any>, width: number, height: number): number {
  const side = Math.min(width, height);
  if (roundness.type === 3) {
    const fixed = finite(roundness.value) ?? 32;
    return side <= fixed / 0.25 ? side * 0.25 : fixed;
  }
  return side * 0.25;
}

/** Java's String.hashCode, so seeds match the ones diagram-model's exporter writes. */
function javaHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/** Stable pseudo-random seed/nonce per shape, so a document renders the same every time. */
function stableNumber(id: string, salt: number): number {
  let h = (Math.imul(javaHash(id), 0x9e3779b1 | 0) + Math.imul(salt, 0x85ebca6b | 0)) | 0;
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 13;
  return h & 0x7fffffff;
}

// ---------------------------------------------------------------- document → elements

interface Point {
  x: number;
  y: number;
}

/**
 * The elements (and image files) Excalidraw shows for a document, in paint order. Hidden shapes,
 * the contents of collapsed frames and group shapes themselves are not elements (groups become
 * groupIds); {@link toDocument} takes them back from the document given to it.
 */
export function toScene(doc: DiagramDocument, now: number = Date.now()): Scene {
  const byId = new Map<string, Shape>();
  for (const s of doc.shapes) if (!byId.has(s.id)) byId.set(s.id, s);
  const shown = visibleShapes(doc, byId);
  const arrowsByTarget = new Map<string, string[]>();
  for (const s of shown) {
    if (!isConnector(s.type)) continue;
    for (const end of [s.start, s.end]) {
      const target = end?.shape_id;
      if (target && shown.some((t) => t.id === target)) {
        const list = arrowsByTarget.get(target) ?? [];
        list.push(s.id);
        arrowsByTarget.set(target, list);
      }
    }
  }
  const usedIds = new Set(doc.shapes.map((s) => s.id));
  const textIds = new Map<string, string>();
  for (const s of shown) {
    if (!hasBoundText(s)) continue;
    const kept: unknown = bagOf(s).bound_text;
    const wanted = isObject(kept) && typeof kept.id === 'string' ? kept.id : `${s.id}-text`;
    let id = wanted;
    for (let i = 2; usedIds.has(id); i++) id = `${wanted}-${i}`;
    usedIds.add(id);
    textIds.set(s.id, id);
  }
  const files: Files = {};
  const elements: Element[] = [];
  const context: ExportContext = { byId, shownIds: new Set(shown.map((s) => s.id)), arrowsByTarget, textIds, files, now };
  for (const s of shown) {
    if (s.type === 'group') continue;
    const el = element(s, context);
    elements.push(el);
    const textId = textIds.get(s.id);
    if (textId) elements.push(boundText(s, el, textId, context));
  }
  keepIndicesOnlyIfOrdered(elements);
  return { elements, files, background: normalizeColor(doc.background) ?? '#ffffff' };
}

interface ExportContext {
  byId: Map<string, Shape>;
  shownIds: Set<string>;
  arrowsByTarget: Map<string, string[]>;
  textIds: Map<string, string>;
  files: Files;
  now: number;
}

/** Shapes to draw, in paint order (z_index, then list order); hidden subtrees left out. */
function visibleShapes(doc: DiagramDocument, byId: Map<string, Shape>): Shape[] {
  const hiddenCache = new Map<string, boolean>();
  const hidden = (s: Shape, depth = 0): boolean => {
    const known = hiddenCache.get(s.id);
    if (known !== undefined) return known;
    let result = s.hidden === true;
    const parent = s.parent_id ? byId.get(s.parent_id) : undefined;
    if (!result && parent && depth < 1000) result = parent.collapsed === true || hidden(parent, depth + 1);
    hiddenCache.set(s.id, result);
    return result;
  };
  const seen = new Set<string>();
  return doc.shapes
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => !seen.has(s.id) && seen.add(s.id) && !hidden(s))
    .sort((a, b) => num(a.s.z_index, 0) - num(b.s.z_index, 0) || a.i - b.i)
    .map(({ s }) => s);
}

function bagOf(s: Shape): Bag {
  return isObject(s[FIELD]) ? (s[FIELD] as Bag) : {};
}

function hasBoundText(s: Shape): boolean {
  return !!s.text && !['text', 'frame', 'group', 'freehand', 'image'].includes(s.type);
}

function element(s: Shape, c: ExportContext): Element {
  const bag = bagOf(s);
  const st = s.style ?? {};
  const has = (key: string) => Object.prototype.hasOwnProperty.call(bag, key);
  const kept = (key: string, absent: Json) => (has(key) ? bag[key] : absent);
  const type =
    typeof bag.type === 'string'
      ? bag.type
      : ({ sticky_note: 'rectangle', icon: 'rectangle', freehand: 'freedraw', group: 'frame' } as Record<string, string>)[s.type] ??
        s.type;
  const el: Element = { id: s.id, type };
  const path = isConnector(s.type) ? connectorPath(s, c.byId) : null;
  if (path) {
    const p0 = path[0]!;
    let minX = 0,
      maxX = 0,
      minY = 0,
      maxY = 0;
    for (const p of path) {
      minX = Math.min(minX, p.x - p0.x);
      maxX = Math.max(maxX, p.x - p0.x);
      minY = Math.min(minY, p.y - p0.y);
      maxY = Math.max(maxY, p.y - p0.y);
    }
    Object.assign(el, { x: p0.x, y: p0.y, width: maxX - minX, height: maxY - minY });
  } else if (s.type === 'freehand' && s.x === undefined && s.points?.length) {
    Object.assign(el, { x: s.points[0]![0], y: s.points[0]![1], width: num(s.width, 0), height: num(s.height, 0) });
  } else {
    Object.assign(el, { x: num(s.x, 0), y: num(s.y, 0), width: num(s.width, 0), height: num(s.height, 0) });
  }
  el.angle = path ? 0 : (num(s.rotation, 0) * Math.PI) / 180;
  el.strokeColor = (s.type === 'text' ? st.text_color : st.stroke_color) ?? kept('strokeColor', '#1e1e1e');
  const fill = st.fill_style ?? 'solid';
  el.backgroundColor = fill === 'none' ? 'transparent' : st.fill_color ?? kept('backgroundColor', 'transparent');
  const rawFill = typeof bag.fillStyle === 'string' ? bag.fillStyle : null;
  el.fillStyle = rawFill && FILL_STYLES[rawFill] === fill ? rawFill : fillStyleName(fill);
  el.strokeWidth = num(st.stroke_width, 2);
  el.strokeStyle = st.stroke_style ?? 'solid';
  el.roughness = kept('roughness', 1);
  el.opacity = round6(num(st.opacity, 1) * 100);
  const groupIds: string[] = [];
  let frame: string | null = null;
  for (let p = s.parent_id ?? null, depth = 0; p && depth < 1000; depth++) {
    const parent = c.byId.get(p);
    if (!parent) break;
    if (parent.type === 'frame') {
      frame = parent.id;
      break;
    }
    groupIds.push(groupId(parent.id, c.byId));
    p = parent.parent_id ?? null;
  }
  el.groupIds = groupIds;
  // Excalidraw has no frames in frames: an inner frame sits at the top level.
  el.frameId = frame && s.type !== 'frame' && c.shownIds.has(frame) ? frame : null;
  if (has('index')) el.index = bag.index;
  el.roundness = roundness(s, bag);
  el.seed = kept('seed', stableNumber(s.id, 1));
  el.version = kept('version', 1);
  el.versionNonce = kept('versionNonce', stableNumber(s.id, 2));
  el.isDeleted = false;
  el.boundElements = boundElements(s, c);
  el.updated = kept('updated', c.now);
  el.link = kept('link', null);
  el.locked = s.locked === true;
  const custom: Bag = isObject(bag.customData) ? copy(bag.customData as Bag) : {};
  if (s.type === 'sticky_note' || s.type === 'icon') custom.autograph_type = s.type;
  if (s.icon) custom.autograph_icon = s.icon;
  if (Object.keys(custom).length) el.customData = custom;
  switch (s.type) {
    case 'text':
      textFields(el, bag, st, s.text ?? '', 'left', 'top');
      break;
    case 'frame':
      el.name = s.text ?? null;
      break;
    case 'arrow':
    case 'line':
      connectorFields(s, el, bag, path!, c);
      break;
    case 'freehand': {
      el.points = (s.points ?? []).map(([x, y]) => [round6(x - el.x), round6(y - el.y)]);
      el.pressures = kept('pressures', []);
      el.simulatePressure = kept('simulatePressure', true);
      el.lastCommittedPoint = kept('lastCommittedPoint', null);
      break;
    }
    case 'image':
      imageFields(s, el, bag, c);
      break;
  }
  for (const [key, value] of Object.entries(bag)) {
    if (!(key in el) && key !== 'bound_text' && key !== 'file' && key !== 'type') el[key] = copy(value);
  }
  return el;
}

/** A group shape named "x-group" was renamed on import because an element is called "x". */
function groupId(shapeId: string, byId: Map<string, Shape>): string {
  if (shapeId.endsWith('-group')) {
    const original = shapeId.slice(0, -'-group'.length);
    const other = byId.get(original);
    if (other && other.type !== 'group') return original;
  }
  return shapeId;
}

function roundness(s: Shape, bag: Bag): Json {
  const kept = bag.roundness;
  if (isConnector(s.type)) return s.routing === 'curved' ? { type: 2 } : null;
  if (s.type === 'rectangle' || s.type === 'sticky_note' || s.type === 'icon') {
    if (num(s.style?.corner_radius, 0) > 0) return isObject(kept) ? kept : { type: 3 };
    return null;
  }
  return kept ?? null;
}

function boundElements(s: Shape, c: ExportContext): Json {
  const bound: Bag[] = [];
  const text = c.textIds.get(s.id);
  if (text) bound.push({ id: text, type: 'text' });
  for (const arrow of c.arrowsByTarget.get(s.id) ?? []) bound.push({ id: arrow, type: 'arrow' });
  return bound.length ? bound : null;
}

function textFields(el: Element, bag: Bag, st: Style, text: string, align: string, vertical: string) {
  el.text = text;
  el.fontSize = num(st.font_size, 20);
  el.fontFamily = st.font_family ? fontNumber(st.font_family) : bag.fontFamily ?? 5;
  el.textAlign = st.text_align ?? align;
  el.verticalAlign = bag.verticalAlign ?? vertical;
  el.containerId = null;
  el.originalText = text;
  el.autoResize = bag.autoResize ?? true;
  el.lineHeight = bag.lineHeight ?? 1.25;
}

function boundText(s: Shape, container: Element, id: string, c: ExportContext): Element {
  const bag: Bag = isObject(bagOf(s).bound_text) ? (bagOf(s).bound_text as Bag) : {};
  const st = s.style ?? {};
  const text = s.text ?? '';
  const size = num(st.font_size, 20);
  const lines = text.split('\n');
  const longest = Math.max(...lines.map((l) => [...l].length));
  const w = finite(bag.width) ?? Math.round(longest * size * 0.55);
  const h = finite(bag.height) ?? lines.length * size * 1.25;
  let centre: Point;
  if (isConnector(s.type)) {
    const path = connectorPath(s, c.byId);
    const half = Math.floor(path.length / 2);
    centre =
      path.length % 2 === 1
        ? path[half]!
        : { x: (path[half - 1]!.x + path[half]!.x) / 2, y: (path[half - 1]!.y + path[half]!.y) / 2 };
  } else {
    centre = { x: num(s.x, 0) + num(s.width, 0) / 2, y: num(s.y, 0) + num(s.height, 0) / 2 };
  }
  const kept = (key: string, absent: Json) => (Object.prototype.hasOwnProperty.call(bag, key) ? bag[key] : absent);
  // Centred on the container, whatever the bag says: the shape may have moved since (code, AI).
  const el: Element = {
    id,
    type: 'text',
    x: round6(centre.x - w / 2),
    y: round6(centre.y - h / 2),
    width: w,
    height: h,
    angle: container.angle,
    strokeColor: st.text_color ?? kept('strokeColor', '#1e1e1e'),
    backgroundColor: kept('backgroundColor', 'transparent'),
    fillStyle: kept('fillStyle', 'solid'),
    strokeWidth: kept('strokeWidth', 2),
    strokeStyle: kept('strokeStyle', 'solid'),
    roughness: kept('roughness', 1),
    opacity: container.opacity,
    groupIds: container.groupIds,
    frameId: container.frameId,
    roundness: null,
    seed: kept('seed', stableNumber(s.id, 3)),
    version: kept('version', 1),
    versionNonce: kept('versionNonce', stableNumber(s.id, 4)),
    isDeleted: false,
    boundElements: null,
    updated: kept('updated', c.now),
    link: kept('link', null),
    locked: s.locked === true,
  };
  textFields(el, bag, st, text, 'center', 'middle');
  el.containerId = s.id;
  for (const [key, value] of Object.entries(bag)) if (!(key in el)) el[key] = copy(value);
  return el;
}

function connectorFields(s: Shape, el: Element, bag: Bag, path: Point[], c: ExportContext) {
  const p0 = path[0]!;
  el.points = path.map((p) => [round6(p.x - p0.x), round6(p.y - p0.y)]);
  el.lastCommittedPoint = bag.lastCommittedPoint ?? null;
  el.startBinding = binding(s.start, c);
  el.endBinding = binding(s.end, c);
  const defaultEnd = s.type === 'arrow' ? 'arrow' : 'none';
  el.startArrowhead = arrowhead(s.start_arrowhead ?? 'none', bag.startArrowhead);
  el.endArrowhead = arrowhead(s.end_arrowhead ?? defaultEnd, bag.endArrowhead);
  if (s.type === 'arrow') el.elbowed = s.routing === 'elbow';
}

function arrowhead(a: string, kept: Json | undefined): Json {
  if (typeof kept === 'string' && ARROWHEADS[kept] === a) return kept;
  return arrowheadName(a);
}

function binding(end: Endpoint | undefined, c: ExportContext): Json {
  const target = end?.shape_id;
  if (!end || !target || !c.shownIds.has(target) || c.byId.get(target)?.type === 'group') return null;
  const b: Bag = { elementId: target, focus: 0, gap: 1 };
  for (const [key, value] of Object.entries(end)) if (key !== 'shape_id' && value !== undefined) b[key] = copy(value) as Json;
  return b;
}

/** The connector's absolute path: start, waypoints, end; bound ends on their shape's border. */
function connectorPath(s: Shape, byId: Map<string, Shape>): Point[] {
  const way = (s.points ?? []).map(([x, y]) => ({ x, y }));
  const free = (e: Endpoint | undefined): Point | null =>
    e && e.shape_id === undefined && finite(e.x) !== undefined && finite(e.y) !== undefined ? { x: e.x!, y: e.y! } : null;
  const startFree = free(s.start);
  const endFree = free(s.end);
  const a = s.start?.shape_id ? byId.get(s.start.shape_id) : undefined;
  const b = s.end?.shape_id ? byId.get(s.end.shape_id) : undefined;
  const aRef = startFree ?? (a ? centre(a) : { x: 0, y: 0 });
  const bRef = endFree ?? (b ? centre(b) : { x: aRef.x + 100, y: aRef.y });
  const start = startFree ?? border(a, way[0] ?? bRef);
  const end = endFree ?? border(b, way[way.length - 1] ?? aRef);
  return [start, ...way, end];
}

function centre(s: Shape): Point {
  return { x: num(s.x, 0) + num(s.width, 0) / 2, y: num(s.y, 0) + num(s.height, 0) / 2 };
}

function border(s: Shape | undefined, toward: Point): Point {
  if (!s) return toward;
  const c = centre(s);
  const dx = toward.x - c.x;
  const dy = toward.y - c.y;
  if (dx === 0 && dy === 0) return c;
  let t = Math.min(dx === 0 ? Number.MAX_VALUE : num(s.width, 0) / 2 / Math.abs(dx), dy === 0 ? Number.MAX_VALUE : num(s.height, 0) / 2 / Math.abs(dy));
  t = Math.min(t, 1);
  return { x: Math.round((c.x + dx * t) * 100) / 100, y: Math.round((c.y + dy * t) * 100) / 100 };
}

function imageFields(s: Shape, el: Element, bag: Bag, c: ExportContext) {
  const src = s.src ?? '';
  const stored = uploadKey(src);
  let fileId = typeof bag.fileId === 'string' ? bag.fileId : null;
  if (src.startsWith('excalidraw-file:')) fileId = src.slice('excalidraw-file:'.length);
  // A stored picture: its file is fetched and added by the canvas (uploads.ts), under this id.
  else if (stored) fileId = uploadFileId(stored);
  else fileId ??= `file-${(javaHash(src) >>> 0).toString(16)}`;
  el.fileId = fileId;
  el.status = bag.status ?? 'saved';
  el.scale = bag.scale ?? [1, 1];
  if (src.startsWith('excalidraw-file:') || stored) return;
  const meta: Record<string, any> = isObject(bag.file) ? copy(bag.file) : {};
  if (meta.mimeType === undefined) {
    const semi = src.indexOf(';');
    meta.mimeType = src.startsWith('data:') && semi > 5 ? src.slice(5, semi) : 'image/png';
  }
  c.files[fileId] = { ...meta, id: fileId, dataURL: src, mimeType: meta.mimeType, created: finite(meta.created) ?? c.now };
}

/** Excalidraw orders by fractional index when indices are valid; stale ones would reorder shapes. */
function keepIndicesOnlyIfOrdered(elements: Element[]) {
  let previous: string | null = null;
  for (const e of elements) {
    if (typeof e.index !== 'string' || (previous !== null && previous >= e.index)) {
      for (const el of elements) delete el.index;
      return;
    }
    previous = e.index;
  }
}

// ---------------------------------------------------------------- elements → document

/**
 * The document for the canvas's elements (deleted ones skipped), in paint order. `previous` is
 * the document the canvas started from: its shapes' fields the canvas does not show, its hidden
 * shapes, its empty groups and its document-level fields are kept.
 */
export function toDocument(elements: readonly Element[], files: Files = {}, previous: DiagramDocument = EMPTY_DOCUMENT, background?: string): DiagramDocument {
  const live = new Map<string, Element>();
  for (const e of elements) {
    if (isObject(e) && typeof e.id === 'string' && typeof e.type === 'string' && !e.isDeleted && !live.has(e.id)) live.set(e.id, e);
  }
  const boundText = new Map<string, Element>();
  for (const e of live.values()) {
    const container = e.containerId;
    if (e.type === 'text' && typeof container === 'string' && live.has(container) && !boundText.has(container)) boundText.set(container, e);
  }
  const isBoundText = (e: Element) => typeof e.containerId === 'string' && boundText.get(e.containerId) === e;
  const frameOf = (e: Element) => (typeof e.frameId === 'string' && live.has(e.frameId) ? e.frameId : null);
  const previousById = new Map(previous.shapes.map((s) => [s.id, s] as const));
  const groupShapes = new Map<string, string>();
  const takenIds = new Set<string>();
  const shapes: Shape[] = [];
  const usedFiles = new Set<string>();
  for (const e of live.values()) {
    if (isBoundText(e)) continue;
    // Excalidraw groups become group shapes, outermost first, so parents precede children.
    const groups = stringList(e.groupIds);
    for (let i = groups.length - 1; i >= 0; i--) {
      const g = groups[i]!;
      if (groupShapes.has(g)) continue;
      let id = g;
      while (live.has(id) || takenIds.has(id)) id = `${id}-group`;
      groupShapes.set(g, id);
      takenIds.add(id);
      const parent = i + 1 < groups.length ? groupShapes.get(groups[i + 1]!)! : frameOf(e);
      const before = previousById.get(id);
      const group: Shape = { ...(before?.type === 'group' ? keptFields(before) : {}), id, type: 'group' };
      if (parent) group.parent_id = parent;
      shapes.push(group);
    }
    const parent = groups.length ? groupShapes.get(groups[0]!)! : frameOf(e);
    shapes.push(shapeOf(e, parent, boundText.get(e.id), live, boundText, files, usedFiles, previousById.get(e.id)));
  }
  placeGroups(shapes);
  // Shapes the canvas never showed: hidden ones (and what they hold), collapsed frames' contents,
  // groups that had no members. Not drawn, so their place in the paint order does not matter.
  const onCanvas = new Set(shapes.map((s) => s.id));
  const wasShown = new Set(visibleShapes(previous, new Map(previous.shapes.map((s) => [s.id, s] as const))).map((s) => s.id));
  const parents = new Set(previous.shapes.map((s) => s.parent_id).filter((p): p is string => !!p));
  const carried = previous.shapes.filter(
    (s) => !onCanvas.has(s.id) && (!wasShown.has(s.id) || (s.type === 'group' && !parents.has(s.id))),
  );
  // The previous document's own fields, copied; its shapes are not (most of them are replaced).
  const doc: DiagramDocument = { ...previous, shapes: [...copy(carried), ...shapes] };
  for (const key of Object.keys(doc)) if (key !== 'shapes') doc[key] = copy(doc[key]);
  const bg = normalizeColor(background);
  if (bg && (bg !== '#ffffff' || previous.background !== undefined)) doc.background = bg;
  return doc;
}

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((g): g is string => typeof g === 'string') : [];
}

/** A previous shape's fields the canvas does not manage (extension fields, collapsed, …). */
function keptFields(s: Shape): Partial<Shape> {
  const out: Partial<Shape> = {};
  for (const [key, value] of Object.entries(s)) if (!CANVAS_SHAPE_KEYS.includes(key)) out[key] = copy(value);
  return out;
}

function shapeOf(
  e: Element,
  parent: string | null,
  text: Element | undefined,
  live: Map<string, Element>,
  boundText: Map<string, Element>,
  files: Files,
  usedFiles: Set<string>,
  before: Shape | undefined,
): Shape {
  const bag: Bag = shallowFields(e);
  let type = ELEMENT_TYPES[e.type] ?? 'rectangle';
  // Embeddables, iframes and future types: a box of the right size, the element's type kept.
  if (e.type === type || e.type === 'freedraw' || e.type === 'frame') delete bag.type;
  const custom = isObject(e.customData) ? e.customData : null;
  const autographType = typeof custom?.autograph_type === 'string' ? custom.autograph_type : null;
  if (type === 'rectangle' && (autographType === 'sticky_note' || autographType === 'icon')) type = autographType;
  const shape: Shape = { ...(before ? keptFields(before) : {}), id: e.id, type };
  for (const key of ['id', 'isDeleted', 'groupIds', 'frameId', 'boundElements', 'containerId', 'locked']) delete bag[key];
  if (custom) {
    if (typeof custom.autograph_icon === 'string') shape.icon = custom.autograph_icon;
    const rest = { ...custom };
    delete rest.autograph_type;
    delete rest.autograph_icon;
    if (Object.keys(rest).length) bag.customData = rest;
    else delete bag.customData;
  }
  if (parent) shape.parent_id = parent;
  if (e.locked === true) shape.locked = true;
  const style: Style = {};
  // The document's own style keys the canvas has no control for (font weight, extensions).
  for (const [key, value] of Object.entries(before?.style ?? {})) if (!CANVAS_STYLE_KEYS.includes(key)) style[key] = copy(value);
  if (!isConnector(type)) {
    shape.x = num(e.x, 0);
    shape.y = num(e.y, 0);
    shape.width = Math.abs(num(e.width, 0));
    shape.height = Math.abs(num(e.height, 0));
    for (const key of ['x', 'y', 'width', 'height', 'angle']) delete bag[key];
    const angle = num(e.angle, 0);
    if (angle !== 0) {
      const degrees = ((angle * 180) / Math.PI) % 360;
      shape.rotation = round6(degrees < 0 ? degrees + 360 : degrees);
    }
  }
  commonStyle(e, type === 'text', style, bag);
  if ((type === 'rectangle' || type === 'sticky_note') && isObject(e.roundness)) {
    style.corner_radius = Math.round(cornerRadius(e.roundness, num(e.width, 0), num(e.height, 0)) * 100) / 100;
  }
  switch (type) {
    case 'text':
      shape.text = typeof e.originalText === 'string' ? e.originalText : typeof e.text === 'string' ? e.text : '';
      delete bag.text;
      delete bag.originalText;
      font(e, style, bag);
      break;
    case 'frame':
      if (typeof e.name === 'string') shape.text = e.name;
      delete bag.name;
      break;
    case 'arrow':
    case 'line':
      connector(e, shape, bag, live, boundText);
      break;
    case 'freehand':
      shape.points = points(e);
      delete bag.points;
      break;
    case 'image':
      image(e, shape, bag, files, usedFiles);
      break;
  }
  if (text) {
    const textBag: Bag = shallowFields(text);
    shape.text = typeof text.originalText === 'string' ? text.originalText : typeof text.text === 'string' ? text.text : '';
    // Its place follows from the container's (centred on a shape, at an arrow's middle).
    for (const key of ['text', 'originalText', 'containerId', 'isDeleted', 'type', 'groupIds', 'frameId', 'x', 'y']) delete textBag[key];
    const colour = normalizeColor(text.strokeColor);
    if (colour) {
      style.text_color = colour;
      delete textBag.strokeColor;
    }
    font(text, style, textBag);
    deepen(bag);
    bag.bound_text = deepen(textBag);
  } else {
    deepen(bag);
  }
  if (Object.keys(style).length) shape.style = style;
  if (Object.keys(bag).length) shape[FIELD] = bag;
  return shape;
}

function commonStyle(e: Element, text: boolean, style: Style, bag: Bag) {
  const stroke = normalizeColor(e.strokeColor);
  if (stroke) {
    if (text) style.text_color = stroke;
    else style.stroke_color = stroke;
    delete bag.strokeColor;
  }
  const fill = normalizeColor(e.backgroundColor);
  if (fill) {
    style.fill_color = fill;
    delete bag.backgroundColor;
  }
  const fillStyle = typeof e.fillStyle === 'string' ? FILL_STYLES[e.fillStyle] : undefined;
  if (fillStyle) {
    style.fill_style = fillStyle;
    // A pattern other than the one written back for `pattern` stays in the bag.
    if (fillStyle !== 'pattern' || e.fillStyle === 'zigzag') delete bag.fillStyle;
  }
  if (e.strokeStyle === 'solid' || e.strokeStyle === 'dashed' || e.strokeStyle === 'dotted') {
    style.stroke_style = e.strokeStyle;
    delete bag.strokeStyle;
  }
  const width = finite(e.strokeWidth);
  if (width !== undefined && width >= 0) {
    style.stroke_width = width;
    delete bag.strokeWidth;
  }
  const opacity = finite(e.opacity);
  if (opacity !== undefined) {
    style.opacity = Math.max(0, Math.min(100, opacity)) / 100;
    delete bag.opacity;
  }
}

function font(e: Element, style: Style, bag: Bag) {
  const size = finite(e.fontSize);
  if (size !== undefined && size > 0) {
    style.font_size = size;
    delete bag.fontSize;
  }
  if (Number.isInteger(e.fontFamily) && FONTS[e.fontFamily as number]) {
    style.font_family = FONTS[e.fontFamily as number];
    delete bag.fontFamily;
  }
  if (e.textAlign === 'left' || e.textAlign === 'center' || e.textAlign === 'right') {
    style.text_align = e.textAlign;
    delete bag.textAlign;
  }
}

function connector(e: Element, shape: Shape, bag: Bag, live: Map<string, Element>, boundText: Map<string, Element>) {
  const pts = points(e);
  for (const key of ['x', 'y', 'width', 'height', 'angle', 'points', 'startBinding', 'endBinding', 'elbowed', 'roundness']) delete bag[key];
  const isBound = (t: Element) => typeof t.containerId === 'string' && boundText.get(t.containerId) === t;
  const end = (b: unknown, at: [number, number]): Endpoint => {
    if (isObject(b) && typeof b.elementId === 'string') {
      let target: string = b.elementId;
      const t = live.get(target);
      // Bound text counts as its container.
      if (t && isBound(t)) target = t.containerId;
      if (live.has(target) && target !== e.id) {
        const bound: Endpoint = { shape_id: target };
        for (const [key, value] of Object.entries(b)) if (key !== 'elementId' && value !== undefined) bound[key] = copy(value);
        return bound;
      }
    }
    return { x: at[0], y: at[1] };
  };
  shape.start = end(e.startBinding, pts[0]!);
  shape.end = end(e.endBinding, pts[pts.length - 1]!);
  if (pts.length > 2) shape.points = pts.slice(1, -1);
  if (e.elbowed === true) shape.routing = 'elbow';
  else if (isObject(e.roundness)) shape.routing = 'curved';
  const arrow = e.type === 'arrow';
  arrowheadOf(e, 'startArrowhead', bag, (a) => (shape.start_arrowhead = a), arrow);
  arrowheadOf(e, 'endArrowhead', bag, (a) => (shape.end_arrowhead = a), arrow);
}

function arrowheadOf(e: Element, name: string, bag: Bag, set: (a: string) => void, explicit: boolean) {
  const v = e[name];
  delete bag[name];
  if (v === undefined || v === null) {
    if (explicit) set('none');
    return;
  }
  const a = typeof v === 'string' ? ARROWHEADS[v] : undefined;
  if (!a) {
    bag[name] = copy(v);
    return;
  }
  set(a);
  // "triangle_outline" and friends: the exact variant is kept for the way back.
  if (v !== arrowheadName(a)) bag[name] = v;
}

/** Points relative to the element's x/y, made absolute. */
function points(e: Element): [number, number][] {
  const x = num(e.x, 0);
  const y = num(e.y, 0);
  const out: [number, number][] = [];
  for (const p of Array.isArray(e.points) ? e.points : []) {
    if (Array.isArray(p) && finite(p[0]) !== undefined && finite(p[1]) !== undefined) out.push([round6(x + p[0]), round6(y + p[1])]);
  }
  if (!out.length) out.push([x, y]);
  return out;
}

function image(e: Element, shape: Shape, bag: Bag, files: Files, usedFiles: Set<string>) {
  const fileId = typeof e.fileId === 'string' ? e.fileId : null;
  const file = fileId ? files[fileId] : undefined;
  const stored = keyOfFileId(fileId);
  if (stored) {
    // Stays a reference: the picture is the server's (whatever the canvas holds for it, even a
    // placeholder), and a document never carries a copy of it.
    shape.src = `${UPLOAD_SCHEME}${stored}`;
    delete bag.file;
  } else if (fileId && file && typeof file.dataURL === 'string') {
    shape.src = file.dataURL;
    const meta: Bag = copy(file) as Bag;
    delete meta.dataURL;
    bag.file = meta;
    usedFiles.add(fileId);
  } else {
    // The picture is not in the scene (Excalidraw keeps large ones elsewhere): name it.
    shape.src = `excalidraw-file:${fileId ?? e.id}`;
  }
}

/** Group shapes get the box around their members so layout and export can place them. */
function placeGroups(shapes: Shape[]) {
  const byId = new Map(shapes.map((s) => [s.id, s] as const));
  const boxes = new Map<string, [number, number, number, number]>();
  for (const s of shapes) {
    if (isConnector(s.type) || s.type === 'group' || s.x === undefined) continue;
    for (let p = s.parent_id ?? null, depth = 0; p && depth < 1000; depth++) {
      const parent = byId.get(p);
      if (!parent || parent.type !== 'group') break;
      const box = boxes.get(p) ?? [Infinity, Infinity, -Infinity, -Infinity];
      box[0] = Math.min(box[0], s.x);
      box[1] = Math.min(box[1], num(s.y, 0));
      box[2] = Math.max(box[2], s.x + num(s.width, 0));
      box[3] = Math.max(box[3], num(s.y, 0) + num(s.height, 0));
      boxes.set(p, box);
      p = parent.parent_id ?? null;
    }
  }
  for (const s of shapes) {
    const box = boxes.get(s.id);
    if (box && s.type === 'group') Object.assign(s, { x: box[0], y: box[1], width: round6(box[2] - box[0]), height: round6(box[3] - box[1]) });
  }
}

// ---------------------------------------------------------------- merging

/**
 * My edits (from `base` to `mine`) applied to `theirs`, shape by shape: shapes I added or changed
 * take my version, shapes I deleted go, everything else is theirs. Used when a save meets a newer
 * server document (412).
 */
export function mergeDocuments(base: DiagramDocument, mine: DiagramDocument, theirs: DiagramDocument): DiagramDocument {
  const baseById = new Map(base.shapes.map((s) => [s.id, JSON.stringify(s)] as const));
  const mineById = new Map(mine.shapes.map((s) => [s.id, s] as const));
  const changed = new Map<string, Shape>();
  for (const s of mine.shapes) if (baseById.get(s.id) !== JSON.stringify(s)) changed.set(s.id, s);
  const deleted = new Set([...baseById.keys()].filter((id) => !mineById.has(id)));
  const shapes: Shape[] = [];
  const placed = new Set<string>();
  for (const s of theirs.shapes) {
    if (deleted.has(s.id) && !changed.has(s.id)) continue;
    shapes.push(copy(changed.get(s.id) ?? s));
    placed.add(s.id);
  }
  for (const s of changed.values()) if (!placed.has(s.id)) shapes.push(copy(s));
  // A parent or a bound end that is gone now would make the document invalid: let go of it.
  const ids = new Set(shapes.map((s) => s.id));
  for (const s of shapes) {
    if (s.parent_id && !ids.has(s.parent_id)) delete s.parent_id;
    for (const key of ['start', 'end'] as const) {
      const end = s[key];
      if (end?.shape_id && !ids.has(end.shape_id)) s[key] = { x: 0, y: 0 };
    }
  }
  const merged: DiagramDocument = { ...copy(theirs), shapes };
  if (JSON.stringify(base.background) !== JSON.stringify(mine.background)) merged.background = mine.background;
  return merged;
}
