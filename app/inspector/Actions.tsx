import { useState } from 'react';
import type { ComponentDoc } from '../store/scenarioDoc.ts';
import { useRunStore } from '../run/runStore.ts';

/** Timeline actions for the selected component, applied to the running simulation at its current time. */
export function Actions({ component }: { component: ComponentDoc }) {
  const status = useRunStore((s) => s.status);
  const members = useRunStore((s) => s.live?.groups[component.id]?.members.length ?? 0);
  const [member, setMember] = useState('0');
  const [amount, setAmount] = useState('');
  const [version, setVersion] = useState('2');
  const [compatibility, setCompatibility] = useState('backward');
  if (status !== 'running' && status !== 'paused') return null;
  const act = (action: Record<string, unknown>) => useRunStore.getState().act({ at: 0, target: component.id, ...action });
  const button = (label: string, action: Record<string, unknown>) => (
    <button type="button" key={label} onClick={() => act(action)}>
      {label}
    </button>
  );
  const memberPicker = (
    <select aria-label="Member" value={member} onChange={(event) => setMember(event.target.value)}>
      {Array.from({ length: Math.max(members, 1) }, (_, slot) => (
        <option key={slot} value={slot}>
          member {slot}
        </option>
      ))}
    </select>
  );
  const number = (label: string) => (
    <input aria-label={label} className="action-input" value={amount} placeholder={label} onChange={(event) => setAmount(event.target.value)} />
  );
  const versionInput = <input aria-label="Schema version" className="action-input" value={version} onChange={(event) => setVersion(event.target.value)} />;
  let body: React.ReactNode = null;
  switch (component.kind) {
    case 'consumer-group':
    case 'processor':
      body = (
        <>
          <div className="action-row">
            {memberPicker}
            {button('Crash', { action: 'crash-consumer', member: Number(member) })}
            {button('Restart', { action: 'restart-consumer', member: Number(member) })}
          </div>
          <div className="action-row">
            {button('Add consumer', { action: 'add-consumer' })}
            {button('Remove consumer', { action: 'remove-consumer' })}
          </div>
          <div className="action-row">
            {button('Replay from start', { action: 'reset-offsets', to: 'earliest' })}
            {button('Skip to end', { action: 'reset-offsets', to: 'latest' })}
          </div>
          {component.schema !== undefined && (
            <div className="action-row">
              {versionInput}
              {button('Set reader schema', { action: 'set-reader-schema', version: Number(version) })}
            </div>
          )}
        </>
      );
      break;
    case 'producer':
      body = (
        <>
          <div className="action-row">
            {number('rate per second')}
            {button('Set rate', { action: 'set-rate', rate: Number(amount) })}
          </div>
          <div className="action-row">
            {versionInput}
            <select aria-label="Compatibility" value={compatibility} onChange={(event) => setCompatibility(event.target.value)}>
              {['backward', 'forward', 'full', 'none'].map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
            {button('Deploy schema', { action: 'set-schema', version: Number(version), compatibility })}
          </div>
          {(component.writes === 'dual-write' || component.writes === 'outbox') && (
            <div className="action-row">
              {button('Crash app', { action: 'crash-producer' })}
              {button('Restart app', { action: 'restart-producer' })}
            </div>
          )}
        </>
      );
      break;
    case 'api':
      body = (
        <div className="action-row">
          {number('requests per second')}
          {button('Set rate', { action: 'set-rate', rate: Number(amount) })}
        </div>
      );
      break;
    case 'topic':
      body = (
        <div className="action-row">
          {number('partitions to add')}
          {button('Add partitions', { action: 'add-partitions', partitions: Number(amount) })}
        </div>
      );
      break;
    case 'service':
      body = (
        <>
          <div className="action-row">
            {button('Start outage', { action: 'outage-start' })}
            {button('End outage', { action: 'outage-end' })}
          </div>
          <div className="action-row">
            {number('latency, e.g. 500ms')}
            {/* A bare number is milliseconds, as in a file. */}
            {button('Set latency', { action: 'set-latency', latency: /^\d+(\.\d+)?$/.test(amount.trim()) ? Number(amount) : amount.trim() })}
          </div>
        </>
      );
      break;
    case 'cluster':
      body = (
        <div className="action-row">
          <select aria-label="Broker" value={member} onChange={(event) => setMember(event.target.value)}>
            {Array.from({ length: Number(component.brokers ?? 3) }, (_, b) => (
              <option key={b} value={b}>
                broker {b}
              </option>
            ))}
          </select>
          {button('Crash broker', { action: 'crash-broker', broker: Number(member) })}
          {button('Restart broker', { action: 'restart-broker', broker: Number(member) })}
        </div>
      );
      break;
  }
  return (
    <section className="actions" aria-label="Actions">
      <h3>Act now</h3>
      {body}
      <p className="actions-hint">Each action lands on the scenario’s timeline at the current time.</p>
    </section>
  );
}
