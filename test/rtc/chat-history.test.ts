// The chat history a call keeps for its panel: the latest 500 messages, a new array after each change (and
// the same one while nothing changed), and whether a sender's message is already here.
import { expect } from '@open-wc/testing';
import type { ChatEntry } from '../../src/rtc/call-types.ts';
import { ChatHistory } from '../../src/rtc/chat.ts';

function entry(from: string, id: string): ChatEntry {
  return { from, id, text: `${from}:${id}`, at: 0, name: from, local: false };
}

describe('ChatHistory', () => {
  it('keeps the latest 500 messages, oldest first, and knows exactly those', () => {
    const history = new ChatHistory();
    for (let i = 0; i < 600; i++) history.add(entry('A'.repeat(22), `${i}`));
    expect(history.entries).to.have.length(500);
    expect(history.entries[0]!.id).to.equal('100');
    expect(history.entries.at(-1)!.id).to.equal('599');
    expect(history.has('A'.repeat(22), '99')).to.equal(false);
    expect(history.has('A'.repeat(22), '100')).to.equal(true);
    expect(history.has('B'.repeat(22), '100')).to.equal(false);
  });

  it('gives a new array after a change and the same one until the next', () => {
    const history = new ChatHistory();
    const empty = history.entries;
    expect(history.entries).to.equal(empty);
    history.add(entry('A'.repeat(22), '1'));
    const one = history.entries;
    expect(one).to.not.equal(empty);
    expect(empty).to.deep.equal([]);
    expect(history.entries).to.equal(one);
    history.add(entry('A'.repeat(22), '2'));
    expect(one.map((message) => message.id)).to.deep.equal(['1']);
    expect(history.entries.map((message) => message.id)).to.deep.equal(['1', '2']);
  });

  it('forgets everything on clear()', () => {
    const history = new ChatHistory();
    history.add(entry('A'.repeat(22), '1'));
    history.clear();
    expect(history.has('A'.repeat(22), '1')).to.equal(false);
    expect(history.entries).to.deep.equal([]);
  });
});
