import { memo } from 'react';
import type { LogFilter } from '../../export/index';

/** The names the filters offer: services, edges (labelled), channels, record types. */
export interface LogNames {
  services: { id: string; name: string }[];
  edges: { id: string; label: string }[];
  channels: string[];
  types: readonly string[];
}

/**
 * The log's filters: by service, edge, channel, record type, errors only, one request, and words.
 * Drawn again only when they change, not on every page of rows.
 */
export const LogFilters = memo(function LogFilters({
  names,
  filter,
  onChange,
}: {
  names: LogNames;
  filter: LogFilter;
  onChange: (f: LogFilter) => void;
}) {
  const set = (patch: Partial<LogFilter>) => {
    const next = { ...filter, ...patch };
    for (const key of Object.keys(next) as (keyof LogFilter)[])
      if (next[key] === '' || next[key] === false) delete next[key];
    onChange(next);
  };
  return (
    <div className="el-filters" role="group" aria-label="Filter the log">
      <Choice
        label="Service"
        value={filter.service}
        options={names.services.map((s) => [s.id, s.name])}
        onChange={(service) => set({ service })}
      />
      <Choice
        label="Edge"
        value={filter.edge}
        options={names.edges.map((e) => [e.id, e.label])}
        onChange={(edge) => set({ edge })}
      />
      {names.channels.length > 0 ? (
        <Choice
          label="Channel"
          value={filter.channel}
          options={names.channels.map((c) => [c, c])}
          onChange={(channel) => set({ channel })}
        />
      ) : null}
      <Choice
        label="Type"
        value={filter.type}
        options={names.types.map((t) => [t, t])}
        onChange={(type) => set({ type })}
      />
      <label className="el-check">
        <input
          type="checkbox"
          checked={filter.errorsOnly ?? false}
          onChange={(e) => set({ errorsOnly: e.target.checked })}
        />
        Errors only
      </label>
      <input
        className="el-input el-input--short"
        aria-label="Request (correlation id)"
        placeholder="Request, e.g. c12"
        value={filter.correlationId ?? ''}
        onChange={(e) => set({ correlationId: e.target.value.trim() })}
      />
      <input
        className="el-input"
        type="search"
        aria-label="Search the log"
        placeholder="Search"
        value={filter.search ?? ''}
        onChange={(e) => set({ search: e.target.value })}
      />
    </div>
  );
});

function Choice({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string | undefined;
  options: [string, string][];
  onChange: (v: string) => void;
}) {
  return (
    <select
      className="el-select"
      aria-label={label}
      value={value ?? ''}
      onChange={(e) => onChange(e.target.value)}
    >
      <option value="">{`Any ${label.toLowerCase()}`}</option>
      {options.map(([id, text]) => (
        <option key={id} value={id}>
          {text}
        </option>
      ))}
    </select>
  );
}
