/**
 * A table's header row: one column header per name (`scope="col"`, for screen readers).
 *
 * @example
 * ```tsx
 * <table><caption>Certificates</caption><Head columns={['Expires', 'Holder']} /><tbody>…</tbody></table>
 * ```
 */
export function Head({ columns }: { columns: readonly string[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c) => (
          <th key={c} scope="col">
            {c}
          </th>
        ))}
      </tr>
    </thead>
  );
}
