const regionNames = new Intl.DisplayNames(["en"], { type: "region" });

function countryName(code: string): string {
  try {
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
}

/** The countries users signed up from, most first; users whose country is unknown are not counted. */
export function Countries({ usersByCountry }: { usersByCountry: Readonly<Record<string, number>> }) {
  const rows = Object.entries(usersByCountry)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5);
  if (rows.length === 0) return <p className="text-sm text-muted-foreground">No countries known yet: they come from the sign-up request.</p>;
  return (
    <ul className="flex flex-col gap-2 text-sm">
      {rows.map(([code, count]) => (
        <li key={code} className="flex justify-between">
          <span>{countryName(code)}</span>
          <span className="tabular-nums text-muted-foreground">{count}</span>
        </li>
      ))}
    </ul>
  );
}
