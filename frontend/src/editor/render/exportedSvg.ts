// SVG drawn by export-service (POST /api/export/files/{id}/svg), put into the page as live SVG so
// the version diff can find each shape by its id (export-service writes `<g id="shape id">`).
import { fetchAuthorized } from '../../api/client';
import { problemOf } from '../../api/problem';

/** A file's (or one version's) SVG as an element of this document, cleaned of anything active. */
export async function fetchExportedSvg(fileId: string, version?: number): Promise<SVGSVGElement> {
  const query = version ? `?version=${version}` : '';
  const response = await fetchAuthorized(`/api/export/files/${encodeURIComponent(fileId)}/svg${query}`, { method: 'POST' });
  if (!response.ok) throw await problemOf(response);
  return parseSvg(await response.text());
}

export function parseSvg(text: string): SVGSVGElement {
  const parsed = new DOMParser().parseFromString(text, 'image/svg+xml');
  const root = parsed.documentElement;
  if (root.nodeName !== 'svg') throw new Error('The export service answered with something that is not an SVG drawing.');
  scrub(root);
  const svg = document.importNode(root, true) as unknown as SVGSVGElement;
  // Fit the panel: the viewBox keeps the drawing's proportions.
  svg.removeAttribute('width');
  svg.removeAttribute('height');
  svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
  return svg;
}

/** The export is ours and escapes text, but it is drawn from user data: no scripts or handlers, ever. */
function scrub(element: Element) {
  for (const node of Array.from(element.querySelectorAll('script, foreignObject'))) node.remove();
  for (const node of [element, ...Array.from(element.querySelectorAll('*'))]) {
    for (const attribute of Array.from(node.attributes)) {
      const name = attribute.name.toLowerCase();
      const value = attribute.value.trim().toLowerCase();
      if (name.startsWith('on') || ((name === 'href' || name === 'xlink:href') && !value.startsWith('data:image/') && !value.startsWith('#'))) {
        node.removeAttribute(attribute.name);
      }
    }
  }
}
