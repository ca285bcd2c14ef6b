// The canonical diagram document (docs/diagram-document.md) as the panels read it. The API
// schema types it as "any JSON value" (canvas_data), so the fields the panels use are named here;
// unknown fields are kept untouched, as everywhere in AutoGraph.

export interface ConnectorEnd {
  shape_id?: string | null;
  x?: number | null;
  y?: number | null;
  [key: string]: unknown;
}

export interface Shape {
  id: string;
  type: string;
  x?: number | null;
  y?: number | null;
  width?: number | null;
  height?: number | null;
  rotation?: number | null;
  z_index?: number | null;
  hidden?: boolean | null;
  text?: string | null;
  parent_id?: string | null;
  style?: Record<string, unknown> | null;
  start?: ConnectorEnd | null;
  end?: ConnectorEnd | null;
  points?: [number, number][] | null;
  [key: string]: unknown;
}

export interface Document {
  schema_version: number;
  shapes: Shape[];
  background?: string | null;
  [key: string]: unknown;
}

export const emptyDocument = (): Document => ({ schema_version: 1, shapes: [] });

/** The document a file or version carries (canvas_data), or an empty one. */
export function asDocument(canvasData: unknown): Document {
  if (canvasData && typeof canvasData === 'object' && Array.isArray((canvasData as Document).shapes)) {
    return canvasData as Document;
  }
  return emptyDocument();
}

export const isConnector = (shape: Shape) => shape.type === 'arrow' || shape.type === 'line';

/** The document as the API types a JSON body field ("any JSON value"). */
export const asJsonBody = (doc: Document) => doc as unknown as Record<string, never>;
