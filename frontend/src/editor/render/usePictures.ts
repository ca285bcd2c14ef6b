// The stored pictures a read-only drawing shows (DocumentSvg), fetched through `load` (uploads.ts):
// key → data URL, filled in as each arrives; one that cannot be fetched gets the placeholder.
import { useEffect, useState } from 'react';
import type { DiagramDocument } from '../mapping';
import { PLACEHOLDER_DATA_URL, uploadKeys, type Picture } from '../uploads';

export function usePictures(doc: DiagramDocument, load: ((key: string) => Promise<Picture>) | null): Record<string, string> {
  const [pictures, setPictures] = useState<Record<string, string>>({});
  const wanted = uploadKeys(doc).join(',');
  useEffect(() => {
    if (!load || !wanted) return;
    let gone = false;
    for (const key of wanted.split(',')) {
      void load(key).then((picture) => {
        if (gone) return;
        setPictures((shown) => ({ ...shown, [key]: 'failed' in picture ? PLACEHOLDER_DATA_URL : picture.dataURL }));
      });
    }
    return () => {
      gone = true;
    };
  }, [load, wanted]);
  return pictures;
}
