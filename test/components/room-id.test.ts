// Room ids without a `room` attribute: new unguessable ids, reading `#room=`, and building the invitation link.
import { expect } from '@open-wc/testing';
import { base64url, newRoomId, roomFromFragment, roomUrl } from '../../src/components/video-conference/room-id.ts';
import { ROOM_PATTERN } from '../../src/protocol.ts';

describe('newRoomId', () => {
  it('is 22 base64url characters, a valid room', () => {
    const id = newRoomId();
    expect(id).to.match(/^[A-Za-z0-9_-]{22}$/);
    expect(ROOM_PATTERN.test(id)).to.equal(true);
  });

  it('encodes 16 bytes (128 bits)', () => {
    const bytes = atob(newRoomId().replace(/-/g, '+').replace(/_/g, '/') + '==');
    expect(bytes.length).to.equal(16);
  });

  it('never repeats', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newRoomId()));
    expect(ids.size).to.equal(1000);
  });
});

describe('base64url', () => {
  it('uses - and _ for the two characters base64 spells + and /, without padding (RFC 4648 §5)', () => {
    expect(base64url(new Uint8Array([]))).to.equal('');
    expect(base64url(new TextEncoder().encode('foobar'))).to.equal('Zm9vYmFy');
    expect(base64url(new TextEncoder().encode('fo'))).to.equal('Zm8');
    expect(base64url(new Uint8Array([0xfb, 0xff]))).to.equal('-_8');
    expect(base64url(new Uint8Array([0xfb, 0xef, 0xbe, 0xff, 0xff, 0xff]))).to.equal('----____');
  });
});

describe('roomFromFragment', () => {
  it('reads room= from the fragment like a query string, among other parameters', () => {
    expect(roomFromFragment('#room=abc')).to.equal('abc');
    expect(roomFromFragment('#lang=fr&room=abc&x=1')).to.equal('abc');
    expect(roomFromFragment('room=abc')).to.equal('abc');
    expect(roomFromFragment('#room=a&room=b')).to.equal('a');
    expect(roomFromFragment('#room=%41bc')).to.equal('Abc');
    expect(roomFromFragment('#room=A.z_0~9-')).to.equal('A.z_0~9-');
    expect(roomFromFragment(`#room=${'a'.repeat(128)}`)).to.equal('a'.repeat(128));
  });

  it('is null without a room, or with one that is not a valid room name', () => {
    for (const hash of ['', '#', '#room=', '#rooms=abc', '#x=1', '#room=a%20b', '#room=a+b', '#room=a/b']) {
      expect(roomFromFragment(hash), hash).to.equal(null);
    }
    expect(roomFromFragment(`#room=${'a'.repeat(129)}`)).to.equal(null);
    expect(roomFromFragment('#room=%3Cscript%3E')).to.equal(null);
  });
});

describe('roomUrl', () => {
  it('replaces the fragment with #room=, keeping the path and query', () => {
    expect(roomUrl('https://example.com/call?x=1', 'abc')).to.equal('https://example.com/call?x=1#room=abc');
    expect(roomUrl('https://example.com/call?x=1#lang=fr&room=old', 'abc')).to.equal(
      'https://example.com/call?x=1#room=abc',
    );
  });

  it('gives a link whose fragment reads back as the same room', () => {
    const room = newRoomId();
    expect(roomFromFragment(new URL(roomUrl('http://localhost:8000/', room)).hash)).to.equal(room);
  });

  it('encodes characters that would change the fragment', () => {
    const url = new URL(roomUrl('https://example.com/', 'a b&c=d#e'));
    expect(new URLSearchParams(url.hash.slice(1)).get('room')).to.equal('a b&c=d#e');
  });
});
