/** Read-only facts about a user or team (ids, dates), as a definition list beside its form. */
export function FactList({ facts }: { facts: [term: string, detail: string][] }) {
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
      {facts.map(([term, detail]) => (
        <div key={term} className="contents">
          <dt className="text-muted-foreground">{term}</dt>
          <dd className="break-all font-mono text-xs leading-5">{detail}</dd>
        </div>
      ))}
    </dl>
  );
}
