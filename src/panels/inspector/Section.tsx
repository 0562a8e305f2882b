import type { ReactNode } from 'react';

// Apart from the fields (fields.tsx), which only the inspectors loaded on demand use: the inspector
// shown on the first screen needs only this (issue 10).

/** A titled section of the inspector. */
export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="insp-section">
      <h3>{title}</h3>
      {children}
    </section>
  );
}
