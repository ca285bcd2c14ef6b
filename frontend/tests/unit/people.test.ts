// Who the comments panel and the notification bell say did something: the API's names first, then
// names seen elsewhere (the live room), then a placeholder; and where a notification leads.
// Run: npm run test:unit
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forgetNames, learnName, nameOf } from '../../src/editor/comments/people.ts';
import { describeNotification, notificationTarget, threadHere, type Notification } from '../../src/app/notificationText.ts';

const ada = '6f1c8a52-1111-4c7e-9a0b-000000000001';
const grace = '6f1c8a52-2222-4c7e-9a0b-000000000002';

test('a comment names its author as the API gives it, and the caller as "You"', () => {
  forgetNames();
  assert.equal(nameOf(ada, grace, 'Ada Lovelace'), 'Ada Lovelace');
  assert.equal(nameOf(grace, grace, 'Grace Hopper'), 'You');
});

test('an author the answer does not name falls back on a name seen before, the API\'s over the room\'s', () => {
  forgetNames();
  assert.equal(nameOf(ada, grace), 'A collaborator');
  learnName(ada, 'ada', false); // the room: the e-mail address's local part
  assert.equal(nameOf(ada, grace), 'ada');
  assert.equal(nameOf(ada, grace, 'Ada Lovelace'), 'Ada Lovelace');
  learnName(ada, 'ada', false);
  assert.equal(nameOf(ada, grace), 'Ada Lovelace', 'the room replaced the full name');
});

test('a comment whose account is gone has no author id and is named so', () => {
  forgetNames();
  assert.equal(nameOf(undefined, grace, null), 'A deleted account');
  assert.equal(nameOf(null, grace), 'A deleted account');
});

const mention: Notification = {
  id: 'n1',
  type: 'mention',
  actor_id: ada,
  actor_name: 'Ada Lovelace',
  file_id: 'f1',
  comment_id: 'c2',
  details: { file_title: 'Payments', excerpt: 'check the SLA', thread_id: 't1' },
  read: false,
};

test('a notification names who caused it, unless their account is gone', () => {
  assert.equal(describeNotification(mention), 'You were mentioned by Ada Lovelace: “Payments” — check the SLA');
  assert.equal(describeNotification({ ...mention, actor_name: undefined }), 'You were mentioned: “Payments” — check the SLA');
  assert.equal(describeNotification({ type: 'share', actor_name: 'Ada Lovelace', details: { file_title: 'Payments' } }), 'Shared with you by Ada Lovelace: “Payments”');
  assert.equal(describeNotification({ type: 'something_new', details: {} }), 'Notification');
});

test('a notification leads to its thread\'s permalink, which opens in place in the editor of its file only', () => {
  assert.equal(notificationTarget(mention), '/files/f1?thread=t1');
  assert.equal(notificationTarget({ ...mention, details: {} }), '/files/f1?thread=c2');
  assert.equal(notificationTarget({ ...mention, comment_id: undefined, details: {} }), '/files/f1');
  assert.equal(notificationTarget({ ...mention, file_id: undefined }), null);
  assert.equal(threadHere(mention, 'f1'), 't1');
  assert.equal(threadHere(mention, 'f2'), null);
  assert.equal(threadHere(mention, undefined), null);
});
