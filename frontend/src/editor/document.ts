// The canonical diagram document (docs/diagram-document.md) as the panels read it. The API
// schema types it as "any JSON value" (canvas_data); unknown fields are kept untouched, as
// everywhere in AutoGraph.

import { EMPTY_DOCUMENT, type DiagramDocument, type Endpoint, type Shape } from './mapping';

// One document type for the whole editor: the canvas mapping's (mapping.ts), under the names the
// panels use.
export type Document = DiagramDocument;
export type ConnectorEnd = Endpoint;
export type { Shape };

export const emptyDocument = (): Document => ({ ...EMPTY_DOCUMENT, shapes: [] });

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
