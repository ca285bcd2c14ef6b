// A read-only drawing of a document, made in the browser: the share-link and embed pages show it
// to visitors who are not signed in (export-service renders only for signed-in callers). It draws
// every shape type plainly (outlines, fills, labels, connectors with arrowheads); the exports and
// the editor are where the full styling lives.
import { useId } from 'react';
import { isConnector, type ConnectorEnd, type Document, type Shape } from '../document';
import { uploadKey } from '../uploads';

const PADDING = 24;
const DEFAULT_STROKE = '#1e1e1e';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const num = (value: unknown, fallback = 0) => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);
const colour = (value: unknown, fallback: string) => (typeof value === 'string' && /^(#[0-9a-fA-F]{3,8}|transparent)$/.test(value) ? value : fallback);

function boxOf(shape: Shape): Box {
  return { x: num(shape.x), y: num(shape.y), width: num(shape.width), height: num(shape.height) };
}

/** Where a connector end is: its own point, or the edge of the shape it is attached to, towards `toward`. */
function endPoint(end: ConnectorEnd | null | undefined, byId: Map<string, Shape>, toward: [number, number] | null): [number, number] | null {
  if (!end) return null;
  const attached = end.shape_id ? byId.get(end.shape_id) : undefined;
  if (attached && !isConnector(attached)) {
    const box = boxOf(attached);
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    if (!toward) return [cx, cy];
    // Leave the box where the line towards the other end crosses its border.
    const dx = toward[0] - cx;
    const dy = toward[1] - cy;
    if (dx === 0 && dy === 0) return [cx, cy];
    const scale = Math.min(dx === 0 ? Infinity : box.width / 2 / Math.abs(dx), dy === 0 ? Infinity : box.height / 2 / Math.abs(dy));
    return [cx + dx * Math.min(scale, 1), cy + dy * Math.min(scale, 1)];
  }
  if (typeof end.x === 'number' && typeof end.y === 'number') return [end.x, end.y];
  return null;
}

function centreOf(end: ConnectorEnd | null | undefined, byId: Map<string, Shape>): [number, number] | null {
  return endPoint(end, byId, null);
}

function connectorPoints(shape: Shape, byId: Map<string, Shape>): [number, number][] | null {
  const waypoints = (shape.points ?? []).filter((p) => Array.isArray(p) && p.length >= 2) as [number, number][];
  const startCentre = centreOf(shape.start, byId);
  const endCentre = centreOf(shape.end, byId);
  if (!startCentre || !endCentre) return null;
  const start = endPoint(shape.start, byId, waypoints[0] ?? endCentre);
  const end = endPoint(shape.end, byId, waypoints[waypoints.length - 1] ?? startCentre);
  if (!start || !end) return null;
  return [start, ...waypoints, end];
}

function bounds(shapes: Shape[], byId: Map<string, Shape>): Box {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const take = (x: number, y: number) => {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  };
  for (const shape of shapes) {
    if (isConnector(shape)) connectorPoints(shape, byId)?.forEach(([x, y]) => take(x, y));
    else if (shape.type === 'freehand') (shape.points ?? []).forEach(([x, y]) => take(x, y));
    else {
      const box = boxOf(shape);
      take(box.x, box.y);
      take(box.x + box.width, box.y + box.height);
    }
  }
  if (minX === Infinity) return { x: 0, y: 0, width: 100, height: 100 };
  return { x: minX - PADDING, y: minY - PADDING, width: maxX - minX + 2 * PADDING, height: maxY - minY + 2 * PADDING };
}

function Label({ shape, box }: { shape: Shape; box: Box }) {
  if (!shape.text) return null;
  const style = shape.style ?? {};
  const size = num(style.font_size, 16);
  const lines = String(shape.text).split('\n').slice(0, 50);
  const top = shape.type === 'frame' ? box.y - size * 0.4 : box.y + box.height / 2 - ((lines.length - 1) * size * 1.25) / 2;
  const x = shape.type === 'frame' ? box.x : box.x + box.width / 2;
  return (
    <text
      x={x}
      y={top}
      fontSize={size}
      fontFamily="system-ui, sans-serif"
      textAnchor={shape.type === 'frame' ? 'start' : 'middle'}
      dominantBaseline={shape.type === 'frame' ? 'auto' : 'middle'}
      fill={colour(style.text_color, DEFAULT_STROKE)}
    >
      {lines.map((line, index) => (
        <tspan key={index} x={x} dy={index === 0 ? 0 : size * 1.25}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

/** What an image shape shows: its data: URI, or its stored picture once fetched (`pictures`, by key). */
function pictureOf(shape: Shape, pictures: Record<string, string>): string | null {
  if (typeof shape.src !== 'string') return null;
  if (shape.src.startsWith('data:image/')) return shape.src;
  const key = uploadKey(shape.src);
  return key ? pictures[key] ?? null : null;
}

function ShapeDrawing({ shape, byId, markerId, pictures }: { shape: Shape; byId: Map<string, Shape>; markerId: string; pictures: Record<string, string> }) {
  const style = shape.style ?? {};
  const stroke = colour(style.stroke_color, DEFAULT_STROKE);
  const fill = colour(style.fill_color, shape.type === 'sticky_note' ? '#ffec99' : 'transparent');
  const strokeWidth = num(style.stroke_width, 2);
  const dash = style.stroke_style === 'dashed' ? '8 6' : style.stroke_style === 'dotted' ? '2 4' : undefined;
  const common = { stroke, fill, strokeWidth, strokeDasharray: dash };
  const box = boxOf(shape);
  const rotate = num(shape.rotation) ? `rotate(${num(shape.rotation)} ${box.x + box.width / 2} ${box.y + box.height / 2})` : undefined;
  const opacity = typeof style.opacity === 'number' ? Math.max(0, Math.min(1, style.opacity > 1 ? style.opacity / 100 : style.opacity)) : undefined;

  if (isConnector(shape)) {
    const points = connectorPoints(shape, byId);
    if (!points) return null;
    const head = shape.end_arrowhead ?? (shape.type === 'arrow' ? 'arrow' : 'none');
    const tail = shape.start_arrowhead ?? 'none';
    const middle = points[Math.floor(points.length / 2)] ?? points[0];
    const previous = points[Math.floor(points.length / 2) - 1] ?? middle;
    return (
      <g id={shape.id} opacity={opacity}>
        <polyline
          points={points.map((p) => p.join(',')).join(' ')}
          fill="none"
          stroke={stroke}
          strokeWidth={strokeWidth}
          strokeDasharray={dash}
          markerEnd={head !== 'none' ? `url(#${markerId})` : undefined}
          markerStart={tail !== 'none' ? `url(#${markerId}-start)` : undefined}
        />
        {shape.text && middle && previous && (
          <Label shape={{ ...shape, style: { ...style, font_size: num(style.font_size, 14) } }} box={{ x: (middle[0] + previous[0]) / 2, y: (middle[1] + previous[1]) / 2, width: 0, height: 0 }} />
        )}
      </g>
    );
  }
  if (shape.type === 'freehand') {
    const points = (shape.points ?? []).filter((p) => Array.isArray(p) && p.length >= 2);
    return <polyline id={shape.id} points={points.map((p) => `${p[0]},${p[1]}`).join(' ')} fill="none" stroke={stroke} strokeWidth={strokeWidth} opacity={opacity} />;
  }
  let outline: React.ReactNode = null;
  switch (shape.type) {
    case 'ellipse':
      outline = <ellipse cx={box.x + box.width / 2} cy={box.y + box.height / 2} rx={box.width / 2} ry={box.height / 2} {...common} />;
      break;
    case 'diamond': {
      const cx = box.x + box.width / 2;
      const cy = box.y + box.height / 2;
      outline = <polygon points={`${cx},${box.y} ${box.x + box.width},${cy} ${cx},${box.y + box.height} ${box.x},${cy}`} {...common} />;
      break;
    }
    case 'text':
    case 'group':
      break;
    case 'image': {
      const picture = pictureOf(shape, pictures);
      outline = picture ? (
          <image href={picture} x={box.x} y={box.y} width={box.width} height={box.height} preserveAspectRatio="none" />
        ) : (
          <rect x={box.x} y={box.y} width={box.width} height={box.height} fill="none" stroke="#868e96" strokeDasharray="4 4" />
        );
      break;
    }
    case 'frame':
      outline = <rect x={box.x} y={box.y} width={box.width} height={box.height} rx={8} fill={fill} stroke="#868e96" strokeWidth={1.5} />;
      break;
    default:
      outline = <rect x={box.x} y={box.y} width={box.width} height={box.height} rx={num(style.corner_radius, 6)} {...common} />;
  }
  return (
    <g id={shape.id} transform={rotate} opacity={opacity}>
      {outline}
      <Label shape={shape} box={box} />
    </g>
  );
}

function hiddenIds(shapes: Shape[]): Set<string> {
  const byId = new Map(shapes.map((shape) => [shape.id, shape]));
  const hidden = new Set<string>();
  for (const shape of shapes) {
    // A shape is hidden when it or any frame/group around it is hidden (or a collapsed frame).
    let current: Shape | undefined = shape;
    let depth = 0;
    while (current && depth++ < 64) {
      if (current.hidden || (current !== shape && current.collapsed)) {
        hidden.add(shape.id);
        break;
      }
      current = current.parent_id ? byId.get(current.parent_id) : undefined;
    }
  }
  return hidden;
}

/** `pictures`: the stored pictures (`upload:<key>`) fetched so far, by key (usePictures). */
export function DocumentSvg({ doc, title, pictures = {} }: { doc: Document; title: string; pictures?: Record<string, string> }) {
  const markerId = `arrowhead-${useId().replace(/:/g, '')}`;
  const hidden = hiddenIds(doc.shapes);
  const visible = doc.shapes
    .map((shape, index) => ({ shape, index }))
    .filter(({ shape }) => !hidden.has(shape.id))
    .sort((a, b) => num(a.shape.z_index) - num(b.shape.z_index) || a.index - b.index)
    .map(({ shape }) => shape);
  const byId = new Map(doc.shapes.map((shape) => [shape.id, shape]));
  const view = bounds(visible, byId);
  return (
    <svg className="document-drawing" viewBox={`${view.x} ${view.y} ${view.width} ${view.height}`} role="img" aria-label={title} preserveAspectRatio="xMidYMid meet">
      <defs>
        <marker id={markerId} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" fill={DEFAULT_STROKE} />
        </marker>
        <marker id={`${markerId}-start`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" fill={DEFAULT_STROKE} />
        </marker>
      </defs>
      <rect x={view.x} y={view.y} width={view.width} height={view.height} fill={colour(doc.background, '#ffffff')} />
      {visible.map((shape) => (
        <ShapeDrawing key={shape.id} shape={shape} byId={byId} markerId={markerId} pictures={pictures} />
      ))}
    </svg>
  );
}
