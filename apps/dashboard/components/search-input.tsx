import { Search } from "lucide-react";
import { Input } from "./ui/input";

export function SearchInput({ label, placeholder, value, onChange }: { label: string; placeholder: string; value: string; onChange: (value: string) => void }) {
  return (
    <div className="mb-4 flex items-center gap-2">
      <div className="relative w-full max-w-sm">
        <Search className="pointer-events-none absolute left-2.5 top-2.5 size-4 text-muted-foreground" aria-hidden />
        <Input type="search" aria-label={label} placeholder={placeholder} className="pl-8" value={value} onChange={(event) => onChange(event.target.value)} />
      </div>
    </div>
  );
}
