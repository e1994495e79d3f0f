// What each idle socket holds, for bench/profile.ts: two V8 heap snapshots (before and with the sockets) are
// compared by owner. Each object's owner is the nearest object of an owner class (SocketIoConnection, WebSocket,
// IncomingMessage...) among its dominators: what would be freed with it. Objects kept by more than one are shared.
import { readFileSync } from 'node:fs';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

export interface Owned {
  /** An owner class, or `(shared) <type> <name>` for objects no single owner keeps. */
  owner: string;
  /** Bytes per unit (socket) that the second snapshot holds beyond the first. */
  bytes: number;
}

export function heapOwners(before: string, after: string, owners: string[], units: number): Owned[] {
  const [a, b] = [ownedBytes(before, owners), ownedBytes(after, owners)];
  return [...b]
    .map(([owner, bytes]) => ({ owner, bytes: (bytes - (a.get(owner) ?? 0)) / units }))
    .sort((x, y) => y.bytes - x.bytes);
}

function ownedBytes(file: string, owners: string[]): Map<string, number> {
  const { snapshot, nodes, edges, strings } = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const { node_fields, node_types, edge_fields, edge_types } = snapshot.meta;
  const [nodeWidth, edgeWidth] = [node_fields.length, edge_fields.length];
  const field = (name: string) => node_fields.indexOf(name);
  const [typeAt, nameAt, sizeAt, edgeCountAt] = [field('type'), field('name'), field('self_size'), field('edge_count')];
  const count = nodes.length / nodeWidth;
  const type = (i: number) => node_types[0][nodes[i * nodeWidth + typeAt]!]!;
  const name = (i: number) => strings[nodes[i * nodeWidth + nameAt]!]!;
  // Weak and shortcut edges do not keep anything alive.
  const ignored = new Set(['weak', 'shortcut'].map((t) => edge_types[0].indexOf(t)));
  const firstEdge = new Uint32Array(count + 1);
  for (let i = 0; i < count; i++) firstEdge[i + 1] = firstEdge[i]! + nodes[i * nodeWidth + edgeCountAt]! * edgeWidth;
  const targets = (i: number, visit: (j: number) => void) => {
    for (let e = firstEdge[i]!; e < firstEdge[i + 1]!; e += edgeWidth) {
      if (!ignored.has(edges[e]!)) visit(edges[e + 2]! / nodeWidth);
    }
  };
  const dominator = dominators(count, targets);
  const ownerClasses = new Set(owners);
  const isOwner = (i: number) => type(i) === 'object' && ownerClasses.has(name(i));
  const totals = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    if (dominator[i] === -1) continue; // unreachable
    let owner = i;
    while (owner !== 0 && !isOwner(owner)) owner = dominator[owner]!;
    const plain = ['string', 'number', 'code', 'concatenated string', 'sliced string'].includes(type(i));
    const key = owner === 0 ? `(shared) ${type(i)}${plain ? '' : ` ${name(i).slice(0, 40)}`}` : name(owner);
    totals.set(key, (totals.get(key) ?? 0) + nodes[i * nodeWidth + sizeAt]!);
  }
  return totals;
}

/**
 * Immediate dominators from node 0 (the snapshot's root), -1 for unreachable nodes: the iterative algorithm of
 * Cooper, Harvey and Kennedy, "A Simple, Fast Dominance Algorithm" (2001).
 */
function dominators(count: number, targets: (i: number, visit: (j: number) => void) => void): Int32Array {
  const order = new Int32Array(count).fill(-1); // postorder number
  const postorder: number[] = [];
  const predecessors: number[][] = Array.from({ length: count }, () => []);
  const stack: Array<[number, number[]]> = [[0, []]];
  order[0] = -2;
  targets(0, (j) => stack[0]![1].push(j));
  while (stack.length > 0) {
    const [node, pending] = stack[stack.length - 1]!;
    const next = pending.pop();
    if (next === undefined) {
      stack.pop();
      order[node] = postorder.length;
      postorder.push(node);
      continue;
    }
    predecessors[next]!.push(node);
    if (order[next] !== -1) continue;
    order[next] = -2;
    const children: number[] = [];
    targets(next, (j) => children.push(j));
    stack.push([next, children]);
  }
  const dominator = new Int32Array(count).fill(-1);
  dominator[0] = 0;
  const intersect = (a: number, b: number) => {
    while (a !== b) {
      while (order[a]! < order[b]!) a = dominator[a]!;
      while (order[b]! < order[a]!) b = dominator[b]!;
    }
    return a;
  };
  for (let changed = true; changed;) {
    changed = false;
    for (let k = postorder.length - 2; k >= 0; k--) {
      const node = postorder[k]!;
      let candidate = -1;
      for (const p of predecessors[node]!) {
        if (dominator[p] !== -1) candidate = candidate === -1 ? p : intersect(p, candidate);
      }
      if (candidate !== -1 && dominator[node] !== candidate) {
        dominator[node] = candidate;
        changed = true;
      }
    }
  }
  return dominator;
}
