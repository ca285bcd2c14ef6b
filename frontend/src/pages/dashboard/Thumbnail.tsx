import { useEffect, useRef, useState } from 'react';
import { fetchAuthorized } from '../../api/client';

/**
 * A file's 256 × 256 thumbnail (export-service), fetched with the caller's credentials once the
 * card scrolls into view: an <img src> cannot carry the access token, and a dashboard of a hundred
 * files must not ask for a hundred pictures at once. Until one exists (404 thumbnail_not_ready: it
 * is made a couple of seconds after a change) the card shows the file type's placeholder.
 */
export function Thumbnail({ fileId, version, type }: { fileId: string; version: string; type: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [visible, setVisible] = useState(false);
  const [url, setUrl] = useState<string | null>(null);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        setVisible(true);
        observer.disconnect();
      }
    }, { rootMargin: '200px' });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (!visible) return;
    let objectUrl: string | null = null;
    const abort = new AbortController();
    fetchAuthorized(`/api/export/thumbnails/${fileId}`, { signal: abort.signal })
      .then(async (response) => {
        if (!response.ok) return; // not made yet, or the export service is away: the placeholder stays
        objectUrl = URL.createObjectURL(await response.blob());
        setUrl(objectUrl);
      })
      .catch(() => undefined);
    return () => {
      abort.abort();
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [visible, fileId, version]);

  return (
    <div ref={box} className="thumbnail" aria-hidden="true">
      {url ? <img src={url} alt="" width={256} height={256} /> : <span className="placeholder">{type === 'note' ? '¶' : '◇'}</span>}
    </div>
  );
}
