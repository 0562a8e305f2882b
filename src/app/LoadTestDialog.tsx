import { LoadTest } from '../panels/loadtest/LoadTest';
import { Dialog } from './Dialog';

/** The "Load test" dialog: find where a client's design breaks (the body is src/panels/loadtest). */
export function LoadTestDialog() {
  return (
    <Dialog title="Load test" testId="loadtest-dialog" wide>
      <LoadTest />
    </Dialog>
  );
}
