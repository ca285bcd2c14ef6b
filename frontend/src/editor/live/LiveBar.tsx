// Who is here and how the connection stands, in the editor's bar: an avatar per other person
// (their initials, ringed in the colour their cursor has on the canvas) and the connection state.
import './live.css';
import type { Live } from './useLive';
import type { Member } from './room';

const STATE_LABELS: Record<Live['state'], string> = {
  off: '',
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline: edits are kept and sent on reconnect',
  ended: 'Not live',
};

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join('') || '?';

export function LiveBar({ live }: { live: Live }) {
  if (live.state === 'off') return null;
  return (
    <div className="live-bar">
      {live.others.length > 0 && (
        <ul className="live-avatars" aria-label="People here">
          {live.others.map((member: Member) => (
            <li key={member.user_id} className="live-avatar" style={{ borderColor: member.color }} title={`${member.name}${member.status === 'away' ? ' (away)' : ''}`}>
              <span aria-hidden="true">{initials(member.name)}</span>
              <span className="visually-hidden">{member.name}</span>
            </li>
          ))}
        </ul>
      )}
      <span className={`live-state live-state-${live.state}`} role="status" data-live-state={live.state}>
        {STATE_LABELS[live.state]}
        {live.state === 'live' && live.readOnly ? ' (view only)' : ''}
      </span>
    </div>
  );
}
