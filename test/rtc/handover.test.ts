// One topology taking over from another (handover.ts), with fake topologies: each participant's tile shows the
// previous link until their media arrive over the next one, which then closes the previous link (the last one
// closes the previous topology); signals reach both, packets go out on the next only.
import { expect } from '@open-wc/testing';
import { Emitter } from '../../src/rtc/emitter.ts';
import { Handover } from '../../src/rtc/handover.ts';
import type { Packet } from '../../src/rtc/packets.ts';
import type { Link, Topology, TopologyEvents } from '../../src/rtc/topology.ts';

/** A topology that records what it is asked, with links whose `receiving` a test sets. */
class FakeTopology extends Emitter<TopologyEvents> {
  readonly calls: string[] = [];
  #links = new Map<string, Link>();
  closed = false;

  get links(): Link[] {
    return [...this.#links.values()];
  }

  get(id: string): Link | undefined {
    return this.#links.get(id);
  }

  connect(id: string): void {
    this.#links.set(id, { id, receiving: false } as Link);
  }

  /** Their media arrive over this topology. */
  arrive(id: string): void {
    const link = { ...this.#links.get(id)!, receiving: true } as Link;
    this.#links.set(id, link);
    this.emit('change', link);
  }

  disconnect(id: string): void {
    this.#links.delete(id);
    this.calls.push(`disconnect ${id}`);
  }

  receive(from: string): void {
    this.calls.push(`receive ${from}`);
  }

  send(packet: Packet, to?: string): void {
    this.calls.push(`send ${packet.type} ${to ?? 'all'}`);
  }

  setView(id: string): void {
    this.calls.push(`view ${id}`);
  }

  setTrack(): void {}
  setIceServers(): void {}
  restartIce(): void {}

  close(): void {
    this.closed = true;
  }
}

describe('Handover', () => {
  function handover() {
    const previous = new FakeTopology();
    const next = new FakeTopology();
    for (const id of ['ada', 'brian']) {
      previous.connect(id);
      next.connect(id);
    }
    const topology: Topology = new Handover(previous as unknown as Topology, next as unknown as Topology);
    return { previous, next, topology };
  }

  it('shows each previous link until that participant’s media arrive over the next, then closes it', () => {
    const { previous, next, topology } = handover();
    expect(topology.get('ada')).to.equal(previous.get('ada'));
    next.arrive('ada');
    expect(topology.get('ada')).to.equal(next.get('ada'));
    expect(previous.calls).to.include('disconnect ada');
    expect(topology.get('brian')).to.equal(previous.get('brian'));
    expect(previous.closed).to.equal(false);
    next.arrive('brian');
    expect(previous.closed).to.equal(true);
    expect(topology.links.map((link) => link.receiving)).to.deep.equal([true, true]);
    topology.close();
  });

  it('hands signals to both, views to both, and packets to the next only', () => {
    const { previous, next, topology } = handover();
    topology.receive('ada', { candidate: {} });
    topology.setView('ada', { width: 320, height: 180, visible: true });
    topology.send({ type: 'chat', id: 'm1', text: 'hi', at: 0 });
    expect(previous.calls).to.deep.equal(['receive ada', 'view ada']);
    expect(next.calls).to.deep.equal(['receive ada', 'view ada', 'send chat all']);
    topology.close();
    expect(previous.closed && next.closed).to.equal(true);
  });
});
