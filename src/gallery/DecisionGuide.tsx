import { useEffect, useState } from 'react';
import { Dialog } from '../app/Dialog';
import { useAppStore, useDiagramContent } from '../store';
import { ADVICE, applyChoice, QUESTIONS, recommend, targetOf, type Answers } from './decision';
import { useGalleryState } from './galleryState';
import { openGalleryEntry } from './openEntry';
import { galleryEntry } from './index';
import './gallery.css';

/** "From → To" for the edge or the two services the guide's answer applies to. */
function targetLabel(target: NonNullable<ReturnType<typeof targetOf>>): string {
  const names = new Map(useAppStore.getState().diagram.services.map((s) => [s.id, s.name]));
  const from = target.edge?.from ?? target.from!;
  const to = target.edge?.to ?? target.to!;
  return `${names.get(from) ?? from} → ${names.get(to) ?? to}`;
}

/**
 * The decision guide: the article's questions, a recommendation with its trade-off and the
 * alternative it rejected, applied to the selected edge (or two services) in one undoable edit,
 * compared before and after, or seen running in its gallery entry.
 */
export function DecisionGuide() {
  const [answers, setAnswers] = useState<Answers>(() => useGalleryState.getState().guideAnswers ?? {});
  const [applied, setApplied] = useState<string | null>(null);
  // The preset is for this opening only: the guide opened later starts blank.
  useEffect(() => useGalleryState.setState({ guideAnswers: null }), []);
  const diagram = useDiagramContent();
  const selection = useAppStore((s) => s.selection);
  const target = targetOf(diagram, selection);
  const choice = recommend(answers);
  const advice = choice ? ADVICE[choice] : null;
  const answer = (id: keyof Answers, value: string) => {
    setAnswers({ ...answers, [id]: value });
    setApplied(null);
  };
  const apply = () => {
    if (!choice || !target) return;
    const label = `Decision guide: ${ADVICE[choice].title}`;
    let edgeId = '';
    useAppStore.getState().edit(label, (d) => {
      const result = applyChoice(d, target, choice);
      edgeId = result.edgeId;
      return result.diagram;
    });
    if (edgeId) useAppStore.getState().select([edgeId]);
    setApplied(targetLabel(target));
  };
  const compare = () => {
    if (!choice || !target) return;
    const st = useAppStore.getState();
    st.setDialog(null);
    st.startComparison(
      (d) => applyChoice(d, target, choice).diagram,
      `Decision guide: ${ADVICE[choice].title}`,
    );
  };
  return (
    <Dialog title="Decision guide" testId="decision-guide" wide>
      <p className="muted guide__intro">
        {target
          ? `For ${targetLabel(target)}: answer what you know; the recommendation appears as soon as the answers decide it.`
          : 'Select an edge, or two services, to apply the answer to your diagram. Answer what you know.'}
      </p>
      <div className="guide__questions">
        {QUESTIONS.map((q) => (
          <fieldset key={q.id} className="guide__question">
            <legend>{q.text}</legend>
            {q.options.map((option) => (
              <label key={option} className="guide__option">
                <input
                  type="radio"
                  name={q.id}
                  value={option}
                  checked={answers[q.id] === option}
                  onChange={() => answer(q.id, option)}
                />
                {option}
              </label>
            ))}
          </fieldset>
        ))}
      </div>
      {advice ? (
        <section className="guide__answer" aria-label="Recommendation" data-testid="guide-answer">
          <h3>Use {advice.title.replace(/^A /, 'a ')}</h3>
          <p>{advice.tradeOff}</p>
          <p className="muted">
            <strong>Not {advice.rejected.title.replace(/^A /, 'a ')}:</strong> {advice.rejected.why}
          </p>
          <div className="btn-row guide__actions">
            <button className="btn btn--primary" disabled={!target} onClick={apply} data-testid="guide-apply">
              {target ? `Apply to ${targetLabel(target)}` : 'Apply (select an edge first)'}
            </button>
            <button className="btn" disabled={!target} onClick={compare}>
              Compare before and after
            </button>
            <button
              className="btn"
              onClick={() => {
                const entry = galleryEntry(advice.entry);
                if (entry && openGalleryEntry(useAppStore, entry)) useAppStore.getState().setDialog(null);
              }}
            >
              See it run: {galleryEntry(advice.entry)?.title}
            </button>
          </div>
          {applied && (
            <p role="status" className="guide__applied">
              Applied to {applied}. Undo (Ctrl+Z) puts it back.
            </p>
          )}
        </section>
      ) : (
        <p className="muted guide__pending">No recommendation yet: answer the questions above.</p>
      )}
    </Dialog>
  );
}
