/** Which consumer group the charts show, when there are several. */
export function GroupSelect({ groupIds, value, onChange, className }: { groupIds: readonly string[]; value: string | null; onChange(id: string): void; className?: string }) {
  return (
    <label className={className}>
      Group
      <select value={value ?? ''} onChange={(event) => onChange(event.target.value)}>
        {groupIds.map((id) => (
          <option key={id} value={id}>
            {id}
          </option>
        ))}
      </select>
    </label>
  );
}
