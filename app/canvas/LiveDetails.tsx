/**
 * What a component is doing right now, drawn inside its node: a topic's partitions as logs with
 * each group's committed offset and owner, a group's members and rebalance state, a service's
 * queue, a cluster's brokers, an api's requests in flight, p99 and failures. Reads the run store (small selections), never React Flow's node data.
 */
import { create } from 'zustand';
import type { LiveView } from '../../engine/model/live.ts';
import type { ComponentKind } from '../../engine/scenario/schema.ts';
import { useRunStore } from '../run/runStore.ts';
import { useTeachStore } from '../teach/teachStore.ts';

/**
 * The live view as the canvas shows it: refreshed at most every 200 ms. Repainting every node on
 * each of the worker's 20 updates a second costs more frame time than the eye gains from it.
 */
const CANVAS_REFRESH_MS = 200;
const useCanvasLive = create<{ live: LiveView | null }>()(() => ({ live: useRunStore.getState().live }));
let pending: ReturnType<typeof setTimeout> | null = null;
let lastShown = 0;
useRunStore.subscribe((state, previous) => {
  if (state.live === previous.live) return;
  const show = () => {
    pending = null;
    lastShown = performance.now();
    useCanvasLive.setState({ live: useRunStore.getState().live });
  };
  // The final state of a run, a reset or a step shows at once; otherwise at the refresh rate.
  if (state.status !== 'running' || state.live === null) {
    if (pending) clearTimeout(pending);
    show();
  } else if (!pending) {
    pending = setTimeout(show, Math.max(0, CANVAS_REFRESH_MS - (performance.now() - lastShown)));
  }
});

/** One colour per member slot, the same on topics and groups. */
export const MEMBER_COLORS = ['#0ea5e9', '#f97316', '#22c55e', '#a855f7', '#ef4444', '#eab308', '#14b8a6', '#ec4899'];
export const memberColor = (slot: number) => (slot < 0 ? '#cbd5e1' : MEMBER_COLORS[slot % MEMBER_COLORS.length]);

const MAX_ROWS = 12;
/** Beyond this many partitions or members a node shows a compact strip, so nodes keep their size. */
const COMPACT_ABOVE = 4;
const fmt = (n: number) => (n >= 10_000 ? `${(n / 1000).toFixed(0)}k` : n.toLocaleString('en-US'));

export function LiveDetails({ id, kind }: { id: string; kind: ComponentKind }) {
  switch (kind) {
    case 'topic':
      return <TopicLive id={id} />;
    case 'consumer-group':
      return <GroupLive id={id} />;
    case 'service':
      return <ServiceLive id={id} />;
    case 'cluster':
      return <ClusterLive id={id} />;
    case 'api':
      return <ApiLive id={id} />;
    case 'queue':
      return <QueueLive id={id} />;
    case 'producer':
      return <ProducerLive id={id} />;
    case 'processor':
      return (
        <>
          <ProcessorLive id={id} />
          <GroupLive id={id} />
        </>
      );
    default:
      return null;
  }
}

function TopicLive({ id }: { id: string }) {
  const topic = useCanvasLive((s) => s.live?.topics[id]);
  const lit = useTeachStore((s) => s.highlights.partitions.get(id));
  if (!topic) return null;
  const partitions = topic.partitions;
  const maxEnd = Math.max(1, ...partitions.map((p) => p.logEndOffset));
  if (partitions.length > COMPACT_ABOVE) return <TopicStrip id={id} topic={topic} maxEnd={maxEnd} lit={lit} />;
  const shown = partitions.slice(0, MAX_ROWS);
  return (
    <div className={`live live-topic${partitions[0]?.replicas ? ' replicated' : ''}`} aria-label={`Partitions of ${id}`}>
      {shown.map((p) => {
        const groups = Object.entries(p.groups);
        const [, first] = groups[0] ?? [];
        const lag = groups.reduce((sum, [, g]) => sum + g.lag, 0);
        return (
          <div key={p.partition} className={`partition-row${lit?.has(p.partition) ? ' highlighted' : ''}`} title={`${id}-${p.partition}: end ${p.logEndOffset}, high watermark ${p.highWatermark}${groups.map(([g, v]) => `, ${g} committed ${v.committed} lag ${v.lag}`).join('')}`}>
            <span className="partition-label">{p.partition}</span>
            <span className="partition-log">
              <span className="partition-fill" style={{ width: `${(p.logEndOffset / maxEnd) * 100}%`, background: memberColor(first?.owner ?? -1) }} />
              {groups.map(([g, v]) => (
                <span key={g} className="partition-committed" style={{ left: `${(Math.max(0, v.committed) / maxEnd) * 100}%` }} />
              ))}
              {p.leader === -1 && <span className="partition-offline">offline</span>}
            </span>
            <span className="partition-lag">{fmt(lag)}</span>
            {p.replicas && (
              <span className={`partition-leader${p.isr && p.isr.length < p.replicas.length ? ' under' : ''}`} title={`leader ${p.leader}, replicas ${p.replicas.join(',')}, in sync ${p.isr?.join(',')}`}>
                {p.leader === -1 ? '—' : `b${p.leader}`} {p.isr?.length}/{p.replicas.length}
              </span>
            )}
          </div>
        );
      })}
      {partitions.length > MAX_ROWS && <div className="live-more">+{partitions.length - MAX_ROWS} more partitions</div>}
    </div>
  );
}

/**
 * Many partitions in the height of a few rows: one bar each (filled to its log end, coloured by its
 * owner), with the totals underneath; the exact figures are in each bar's tooltip.
 */
function TopicStrip({ id, topic, maxEnd, lit }: { id: string; topic: NonNullable<LiveView['topics'][string]>; maxEnd: number; lit: ReadonlySet<number> | undefined }) {
  const lag = topic.partitions.reduce((sum, p) => sum + Object.values(p.groups).reduce((a, g) => a + g.lag, 0), 0);
  const offline = topic.partitions.filter((p) => p.leader === -1).length;
  const under = topic.partitions.filter((p) => p.replicas && p.isr && p.leader !== -1 && p.isr.length < p.replicas.length).length;
  return (
    <div className="live live-topic compact" aria-label={`Partitions of ${id}`}>
      <div className="partition-strip">
        {topic.partitions.map((p) => {
          const first = Object.values(p.groups)[0];
          return (
            <span
              key={p.partition}
              className={`strip-bar${p.leader === -1 ? ' offline' : ''}${lit?.has(p.partition) ? ' highlighted' : ''}`}
              title={`${id}-${p.partition}: end ${p.logEndOffset}${Object.entries(p.groups).map(([g, v]) => `, ${g} lag ${v.lag}`).join('')}${p.replicas ? `, leader ${p.leader}, in sync ${p.isr?.join(',')}` : ''}`}
            >
              <span style={{ height: `${(p.logEndOffset / maxEnd) * 100}%`, background: memberColor(first?.owner ?? -1) }} />
            </span>
          );
        })}
      </div>
      <div className="live-more">
        lag {fmt(lag)}
        {topic.partitions[0]?.replicas ? ` · ${offline} offline · ${under} under-replicated` : ''}
      </div>
    </div>
  );
}

function GroupLive({ id }: { id: string }) {
  const group = useCanvasLive((s) => s.live?.groups[id]);
  const litMembers = useTeachStore((s) => s.highlights.members.get(id));
  if (!group) return null;
  // A group reading a queue has no coordinator, generation or partitions: its members compete.
  const headline =
    group.queue !== undefined ? `competing on ${group.queue} · lag ${fmt(group.lag)}` : `${group.coordinator === 'rebalancing' ? 'rebalancing…' : group.coordinator} · gen ${group.generation} · lag ${fmt(group.lag)}`;
  if (group.members.length > COMPACT_ABOVE) {
    const states = new Map<string, number>();
    for (const m of group.members) states.set(m.alive ? m.state : 'crashed', (states.get(m.alive ? m.state : 'crashed') ?? 0) + 1);
    return (
      <div className="live live-group compact" aria-label={`Members of ${id}`}>
        <div className={`coordinator coordinator-${group.coordinator}`}>{headline}</div>
        <div className="member-dots">
          {group.members.map((m) => (
            <span key={m.slot} className={`member-dot${m.alive ? '' : ' dead'}${litMembers?.has(m.slot) ? ' highlighted' : ''}`} title={`#${m.slot} ${m.alive ? m.state : 'crashed'}: partitions ${m.partitions.map((p) => p.partition).join(',') || 'none'}`} style={{ background: m.alive ? memberColor(m.slot) : '#94a3b8' }} />
          ))}
        </div>
        <div className="live-more">{[...states].map(([state, n]) => `${n} ${state}`).join(' · ')}</div>
      </div>
    );
  }
  return (
    <div className="live live-group" aria-label={`Members of ${id}`}>
      <div className={`coordinator coordinator-${group.coordinator}`}>{headline}</div>
      {group.members.slice(0, MAX_ROWS).map((m) => (
        <div key={m.slot} className={`member-row${m.alive ? '' : ' dead'}${litMembers?.has(m.slot) ? ' highlighted' : ''}`}>
          <span className="member-dot" style={{ background: m.alive ? memberColor(m.slot) : '#94a3b8' }} />
          <span className="member-name">#{m.slot}</span>
          <span className="member-state">{m.alive ? m.state : 'crashed'}</span>
          {group.queue === undefined && <span className="member-parts">{m.partitions.map((p) => p.partition).join(',') || '—'}</span>}
        </div>
      ))}
      {group.members.length > MAX_ROWS && <div className="live-more">+{group.members.length - MAX_ROWS} more members</div>}
      {group.schema && <SchemaLine schema={group.schema} />}
    </div>
  );
}

/** The schema version a group reads, and what it could not read (amber once there is any). */
function SchemaLine({ schema }: { schema: { reads: number; failures: number } }) {
  return (
    <div className={`live-more${schema.failures > 0 ? ' schema-failing' : ''}`} aria-label="Schema">
      reads schema v{schema.reads} · {fmt(schema.failures)} schema failures
    </div>
  );
}

/** A producer's schema version, and for one that writes a database, what the database and the topic each got. */
function ProducerLive({ id }: { id: string }) {
  const producer = useCanvasLive((s) => s.live?.producers?.[id]);
  if (!producer) return null;
  const w = producer.writes;
  return (
    <div className="live live-producer" aria-label={`Writes of ${id}`}>
      <div>
        schema v{producer.schemaVersion}
        {w && (w.down ? ' · app down' : ' · app up')}
      </div>
      {w && (
        <>
          <div>
            {fmt(w.committed)} committed · {fmt(w.published)} published
          </div>
          <div className="live-more">
            <span className={w.missing > 0 ? 'writes-bad' : undefined}>{fmt(w.missing)} missing</span> · <span className={w.phantom > 0 ? 'writes-bad' : undefined}>{fmt(w.phantom)} phantom</span> · {fmt(w.duplicates)} dup · outbox {fmt(w.outboxDepth)}
          </div>
        </>
      )}
    </div>
  );
}

function ServiceLive({ id }: { id: string }) {
  const service = useCanvasLive((s) => s.live?.services[id]);
  if (!service) return null;
  return (
    <div className="live live-service">
      {service.outage ? <span className="badge badge-bad">outage</span> : <span className="badge">up</span>} {service.inFlight} in flight · {service.queue} queued
    </div>
  );
}

function QueueLive({ id }: { id: string }) {
  const queue = useCanvasLive((s) => s.live?.queues?.[id]);
  if (!queue) return null;
  const age = queue.oldestAgeMs >= 1000 ? `${(queue.oldestAgeMs / 1000).toFixed(1)} s` : `${Math.round(queue.oldestAgeMs)} ms`;
  return (
    <div className="live live-queue" aria-label={`Messages of ${id}`}>
      <div>
        {fmt(queue.depth)} waiting · {fmt(queue.inFlight)} in flight
      </div>
      <div className="live-more">
        oldest {age} · {fmt(queue.acked)} acked · {fmt(queue.redelivered)} redelivered{queue.deadLettered > 0 ? ` · ${fmt(queue.deadLettered)} dead-lettered` : ''}
      </div>
    </div>
  );
}

/** A duration for a node: whole milliseconds, or seconds to one decimal from 1 s up. */
export const shortMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

function ApiLive({ id }: { id: string }) {
  const api = useCanvasLive((s) => s.live?.apis[id]);
  if (!api) return null;
  return (
    <div className="live live-api" aria-label={`Requests of ${id}`}>
      <div>
        {fmt(api.inFlight)} in flight · p99 {shortMs(api.p99Ms)}
      </div>
      <div className={`live-more${api.failed > 0 || api.duplicates > 0 ? ' live-bad' : ''}`}>
        {fmt(api.failed)} failed · {fmt(api.retries)} retries · {fmt(api.duplicates)} duplicated effects
      </div>
    </div>
  );
}

/** A processor's windows: how many are open, the state they hold, what was late, and how far stream time trails the clock. */
function ProcessorLive({ id }: { id: string }) {
  const p = useCanvasLive((s) => s.live?.processors?.[id]);
  if (!p) return null;
  const lag = p.streamTimeLagMs === null ? '—' : p.streamTimeLagMs >= 1000 ? `${(p.streamTimeLagMs / 1000).toFixed(1)} s` : `${Math.round(p.streamTimeLagMs)} ms`;
  return (
    <div className="live live-processor" aria-label={`Windows of ${id}`}>
      <div>
        {fmt(p.openWindows)} open windows · {fmt(p.stateEntries)} state entries
      </div>
      <div className="live-more">
        <span className={p.lateRecords > 0 ? 'processor-late' : undefined}>{fmt(p.lateRecords)} late</span> · {fmt(p.windowsClosed)} closed · stream time −{lag}
      </div>
    </div>
  );
}

function ClusterLive({ id }: { id: string }) {
  const cluster = useCanvasLive((s) => s.live?.clusters[id]);
  if (!cluster) return null;
  return (
    <div className="live live-cluster">
      {cluster.brokers.map((b) => (
        <div key={b.id} className={`broker-row${b.alive ? '' : ' dead'}`}>
          broker {b.id}: {b.alive ? `leads ${b.partitionsLed}` : b.isolated ? 'isolated' : 'down'}
        </div>
      ))}
      <div className="live-more">
        {cluster.offline} offline · {cluster.underReplicated} under-replicated
      </div>
    </div>
  );
}
