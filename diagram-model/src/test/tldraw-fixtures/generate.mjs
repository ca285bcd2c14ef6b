// Writes the golden .tldr files of TldrawGoldenTest with tldraw's own schema and store
// (@tldraw/tlschema, @tldraw/store): every record is created by tldraw's record types and
// validated by its validators on the way into the store, and the file is what tldraw saves
// (tldrawFileFormatVersion, the store's serialised schema, its records). Run it after a
// tldraw upgrade and commit the files: the tests read them without npm.
//
//   npm ci && node generate.mjs ../resources/formats/tldraw/golden
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Store } from '@tldraw/store'
import {
  createBindingId, createShapeId, createTLSchema, DocumentRecordType, PageRecordType, TLDOCUMENT_ID,
} from '@tldraw/tlschema'
import { getIndices } from '@tldraw/utils'

const out = process.argv[2] ?? '../resources/formats/tldraw/golden'
mkdirSync(out, { recursive: true })

const richText = (text) => ({
  type: 'doc',
  content: text.split('\n').map((line) => ({
    type: 'paragraph', ...(line ? { content: [{ type: 'text', text: line }] } : {}),
  })),
})

// The props tldraw's shape utilities give a new shape (getDefaultProps), so each shape below
// names only what differs.
const defaults = {
  geo: {
    geo: 'rectangle', dash: 'draw', url: '', w: 100, h: 100, growY: 0, scale: 1, flipX: false, flipY: false,
    labelColor: 'black', color: 'black', fill: 'none', size: 'm', font: 'draw', align: 'middle',
    verticalAlign: 'middle', richText: richText(''),
  },
  arrow: {
    kind: 'arc', labelColor: 'black', color: 'black', fill: 'none', dash: 'draw', size: 'm',
    arrowheadStart: 'none', arrowheadEnd: 'arrow', font: 'draw', start: { x: 0, y: 0 }, end: { x: 2, y: 0 },
    bend: 0, richText: richText(''), labelPosition: 0.5, scale: 1, elbowMidPoint: 0.5,
  },
  text: { color: 'black', size: 'm', font: 'draw', textAlign: 'start', w: 8, richText: richText(''), scale: 1, autoSize: true },
  frame: { w: 160 * 2, h: 90 * 2, name: '', color: 'black' },
  note: {
    color: 'yellow', labelColor: 'black', size: 'm', font: 'draw', fontSizeAdjustment: 0, align: 'middle',
    verticalAlign: 'middle', growY: 0, url: '', richText: richText(''), scale: 1, textLastEditedBy: null,
  },
}

function file(name, build) {
  const schema = createTLSchema()
  const store = new Store({ schema, props: { defaultName: '', assets: {}, onMount() {} } })
  const pages = []
  const page = (id, title) => {
    const record = PageRecordType.create({ id: PageRecordType.createId(id), name: title, index: getIndices(pages.length + 1)[pages.length + 1] })
    pages.push(record)
    return record.id
  }
  const records = [DocumentRecordType.create({ id: TLDOCUMENT_ID })]
  const indexOf = new Map()
  const shape = (id, type, parentId, x, y, props = {}, extra = {}) => {
    const n = (indexOf.get(parentId) ?? 0) + 1
    indexOf.set(parentId, n)
    records.push(schema.types.shape.create({
      id: createShapeId(id), type, parentId, x, y, index: getIndices(n)[n], props: { ...defaults[type], ...props }, ...extra,
    }))
    return createShapeId(id)
  }
  const bind = (arrow, terminal, target, anchor = { x: 0.5, y: 0.5 }) => {
    records.push(schema.types.binding.create({
      id: createBindingId(), type: 'arrow', fromId: arrow, toId: target,
      props: { terminal, normalizedAnchor: anchor, isExact: false, isPrecise: false, snap: 'none' },
    }))
  }
  build({ page, shape, bind, richText })
  // put validates every record with tldraw's validators: a wrong prop fails here
  store.put([...pages, ...records])
  const json = { tldrawFileFormatVersion: 1, schema: store.schema.serialize(), records: store.allRecords() }
  writeFileSync(join(out, name), JSON.stringify(json, null, '\t') + '\n')
  console.log(`${name}: ${store.allRecords().length} records`)
}

// Geo shapes of three kinds, two arrows bound to them (one with a label, one curved), free text.
file('shapes-and-arrows.tldr', ({ page, shape, bind, richText }) => {
  const p = page('main', 'Shapes and arrows')
  const a = shape('client', 'geo', p, 0, 0, { geo: 'rectangle', w: 200, h: 100, richText: richText('Client'), color: 'blue', fill: 'semi' })
  const b = shape('api', 'geo', p, 400, 0, { geo: 'ellipse', w: 180, h: 120, richText: richText('API'), dash: 'dashed' })
  const c = shape('ok', 'geo', p, 400, 300, { geo: 'diamond', w: 160, h: 160, richText: richText('OK?'), fill: 'solid', color: 'green' })
  const ab = shape('calls', 'arrow', p, 200, 50, { end: { x: 200, y: 10 }, richText: richText('calls') })
  bind(ab, 'start', a)
  bind(ab, 'end', b)
  const bc = shape('checks', 'arrow', p, 490, 120, { end: { x: -10, y: 180 }, bend: 40, arrowheadStart: 'dot' })
  bind(bc, 'start', b)
  bind(bc, 'end', c, { x: 0.5, y: 0 })
  shape('loose', 'arrow', p, 0, 400, { end: { x: 150, y: 0 }, dash: 'dotted' })
  shape('caption', 'text', p, 0, -80, { richText: richText('Checkout flow\nsecond line'), size: 'l', w: 300, autoSize: false })
})

// A frame holding two shapes (their positions relative to it), a note, and a second page.
file('frames-and-notes.tldr', ({ page, shape, bind, richText }) => {
  const p = page('one', 'Overview')
  const f = shape('backend', 'frame', p, 100, 100, { w: 500, h: 300, name: 'Backend' })
  const db = shape('db', 'geo', f, 40, 60, { w: 120, h: 80, richText: richText('Database') })
  const cache = shape('cache', 'geo', f, 300, 60, { w: 120, h: 80, richText: richText('Cache'), geo: 'ellipse' })
  const arrow = shape('reads', 'arrow', f, 160, 100, { end: { x: 140, y: 0 } })
  bind(arrow, 'start', db)
  bind(arrow, 'end', cache)
  shape('todo', 'note', p, 700, 100, { richText: richText('Ask ops about backups'), color: 'orange' })
  const q = page('two', 'Details')
  shape('detail', 'geo', q, 0, 0, { w: 140, h: 70, richText: richText('Detail'), geo: 'rectangle' })
})
