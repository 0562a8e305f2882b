import type * as z from 'zod/mini';
import type { Diagram } from '../../model/schema';
import { useAppStore } from '../../store';
import { setAt, type Commit } from './fields';

/**
 * Returns `field(path)`: a commit function for one property of an entity. The candidate entity is
 * validated against its schema; an error at that path comes back to the field, a valid value becomes
 * one undoable edit (typing in one field coalesces into one undo step).
 */
export function useEntityEdit<T extends { id: string }>(
  schema: z.ZodMiniType<T>,
  entity: T,
  replace: (d: Diagram, next: T) => Diagram,
  label: string,
) {
  return function field<V>(...path: (string | number)[]): Commit<V> {
    return (value: V) => {
      const candidate = setAt(entity, path, value);
      const parsed = schema.safeParse(candidate);
      if (!parsed.success) {
        const key = path.join('.');
        const issue =
          parsed.error.issues.find((i) => i.path.join('.').startsWith(key)) ?? parsed.error.issues[0];
        return issue?.message ?? 'invalid value';
      }
      useAppStore.getState().edit(label, (d) => replace(d, parsed.data), `${entity.id}:${path.join('.')}`);
      return null;
    };
  };
}
