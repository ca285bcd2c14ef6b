// Highlighting for the two diagram languages people write by hand: Mermaid and the Eraser-style
// architecture language (docs/diagram-as-code.md, docs/formats.md). Stream parsers: they colour
// keywords, arrows, strings, labels, properties and comments line by line, which is all a
// highlighter needs; the server's parser is the one that decides what the code means.
import { StreamLanguage, type StreamParser } from '@codemirror/language';

const MERMAID_KEYWORDS = new Set(
  (
    'graph flowchart sequenceDiagram classDiagram stateDiagram stateDiagram-v2 erDiagram gantt pie ' +
    'quadrantChart xychart-beta journey mindmap timeline gitGraph C4Context C4Container C4Component ' +
    'subgraph end direction participant actor note over left right of loop alt else opt par and ' +
    'critical break rect activate deactivate autonumber create destroy box class classDef style ' +
    'linkStyle click title section dateFormat axisFormat excludes state as namespace accTitle ' +
    'accDescr TB TD BT LR RL x-axis y-axis bar line showData'
  ).split(' '),
);

// Longest first, so `-->>` is one arrow and not `-->` then `>`.
const MERMAID_ARROWS = [
  '<|--|>', '<-->', '--|>', '<|--', '..|>', '<|..', '-->>', '--)', '-.->', '==>', '-->', '---', '->>', '-x', '--x', '--o',
  '*--', 'o--', '--*', '--o', '..>', '<..', '..', '->', '--', '~~~', '-.-', '===', '}|', '|{', '||', 'o{', '}o', '|o', 'o|',
].sort((a, b) => b.length - a.length);

interface LineState {
  /** Inside `%%{ … }%%` or a `[ … ]` property list (Eraser). */
  inProperties: boolean;
}

const mermaid: StreamParser<LineState> = {
  name: 'mermaid',
  startState: () => ({ inProperties: false }),
  token(stream) {
    if (stream.eatSpace()) return null;
    if (stream.match('%%')) {
      stream.skipToEnd();
      return 'comment';
    }
    if (stream.match(/^"(?:[^"\\]|\\.)*"?/)) return 'string';
    // An edge label between pipes: A -->|yes| B
    if (stream.match(/^\|[^|\n]*\|/)) return 'string';
    for (const arrow of MERMAID_ARROWS) {
      if (stream.match(arrow)) return 'operator';
    }
    if (stream.match(/^[[\](){}>]+/)) return 'bracket';
    if (stream.match(/^:::?/)) return 'punctuation';
    if (stream.match(/^:/)) {
      // the rest of a line after ':' is a label (messages, notes, relation labels)
      stream.skipToEnd();
      return 'string';
    }
    if (stream.match(/^-?\d+(\.\d+)?%?/)) return 'number';
    if (stream.match(/^#[0-9a-fA-F]{3,8}\b/)) return 'atom';
    const word = stream.match(/^[A-Za-z_][\w-]*/);
    if (word) {
      const text = (word as RegExpMatchArray)[0];
      return MERMAID_KEYWORDS.has(text) ? 'keyword' : 'variableName';
    }
    stream.next();
    return null;
  },
  languageData: { commentTokens: { line: '%%' } },
};

const ERASER_ARROWS = ['<>', '-->', '--', '>', '<', '-'];
const ERASER_PROPERTIES = new Set(['label', 'icon', 'color', 'shape', 'colorMode', 'styleMode', 'typeface', 'direction']);

const eraser: StreamParser<LineState> = {
  name: 'eraser',
  startState: () => ({ inProperties: false }),
  token(stream, state) {
    if (stream.eatSpace()) return null;
    if (stream.match('//')) {
      stream.skipToEnd();
      return 'comment';
    }
    if (stream.match(/^"(?:[^"\\]|\\.)*"?/)) return 'string';
    if (state.inProperties) {
      if (stream.eat(']')) {
        state.inProperties = false;
        return 'bracket';
      }
      if (stream.match(/^[A-Za-z][\w-]*(?=\s*:)/)) {
        const name = stream.current();
        return ERASER_PROPERTIES.has(name) ? 'propertyName' : 'invalid';
      }
      if (stream.match(/^#[0-9a-fA-F]{3,8}\b/)) return 'atom';
      if (stream.match(/^[:,]/)) return 'punctuation';
      if (stream.match(/^[^\],"]+/)) return 'atom';
      stream.next();
      return null;
    }
    if (stream.eat('[')) {
      state.inProperties = true;
      return 'bracket';
    }
    if (stream.match(/^[{}]/)) return 'brace';
    for (const arrow of ERASER_ARROWS) {
      if (stream.match(arrow)) return 'operator';
    }
    if (stream.eat(':')) {
      // a connection's label: raw text to the end of the line (or to '}')
      stream.match(/^[^}]*/);
      return 'string';
    }
    if (stream.eat(',')) return 'punctuation';
    // A node name: words up to the next syntax character.
    if (stream.match(/^[^\s[\]{}<>:,"/-]+(?:[ \t]+[^\s[\]{}<>:,"/-]+)*/)) return 'variableName';
    stream.next();
    return null;
  },
  blankLine(state) {
    state.inProperties = false;
  },
  languageData: { commentTokens: { line: '//' } },
};

export const mermaidLanguage = StreamLanguage.define(mermaid);
export const eraserLanguage = StreamLanguage.define(eraser);

/** The languages the code view offers, with what the API calls them. */
export const CODE_LANGUAGES = [
  { id: 'mermaid', label: 'Mermaid', highlight: mermaidLanguage },
  { id: 'eraser', label: 'Eraser', highlight: eraserLanguage },
] as const;

export type CodeLanguageId = (typeof CODE_LANGUAGES)[number]['id'];
