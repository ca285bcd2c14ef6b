// Shared by the bench/frontend scripts: JSON calls to the platform's API, and the median.

/** A JSON call to the API at `base`; throws with the answer on anything but 2xx. */
export function apiAt(base) {
  return async function api(path, { method = 'GET', token, body } = {}) {
    const response = await fetch(base + path, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.status === 204 ? null : response.json();
  };
}

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** A grid of labelled boxes and ellipses, every other one joined to its neighbour by an arrow. */
export function diagram(count) {
  const shapes = [];
  const boxes = Math.ceil((count * 2) / 3);
  const columns = Math.ceil(Math.sqrt(boxes));
  for (let i = 0; i < boxes; i++) {
    shapes.push({ id: `b${i}`, type: i % 3 === 2 ? 'ellipse' : 'rectangle', x: (i % columns) * 220, y: Math.floor(i / columns) * 140, width: 160, height: 80, text: `Box ${i}`, style: { fill_color: '#a5d8ff' } });
  }
  for (let i = 0; shapes.length < count; i++) {
    shapes.push({ id: `e${i}`, type: 'arrow', start: { shape_id: `b${i}` }, end: { shape_id: `b${(i + 1) % boxes}` } });
  }
  return { schema_version: 1, shapes };
}
