// The event-stream reader of the AI panel and prompt dialog (src/ai/events.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseEvent, takeEvents } from '../../src/ai/events';

test('a named event with JSON data', () => {
  assert.deepEqual(parseEvent('event:stage\ndata:{"stage":"draft"}'), { event: 'stage', data: '{"stage":"draft"}' });
});

test('multi-line data joins with newlines; comments and a space after the colon are dropped', () => {
  assert.deepEqual(parseEvent(': keep-alive\nevent: partial\ndata: a\ndata: b'), { event: 'partial', data: 'a\nb' });
});

test('a block without data is no event', () => {
  assert.equal(parseEvent(': only a comment'), null);
});

test('complete blocks are taken and a partial one is kept for the next chunk', () => {
  const first = takeEvents('event:stage\ndata:{"stage":"draft"}\n\nevent:partial\r\ndata:{"code":"A');
  assert.deepEqual(first.events, [{ event: 'stage', data: '{"stage":"draft"}' }]);
  const second = takeEvents(first.rest + ' -> B"}\r\n\r\nevent:result\ndata:{}\n\n');
  assert.deepEqual(
    second.events.map((e) => e.event),
    ['partial', 'result'],
  );
  assert.equal(JSON.parse(second.events[0]!.data).code, 'A -> B');
  assert.equal(second.rest, '');
});
