/** Each kind of request's short name, as reminders and the "my request" page say it (keys written out in full). */
import type { RequestType } from './schemas.ts';

export const REQUEST_NAMES: Record<RequestType, string> = {
  information: 'letters.requestNames.information',
  access: 'letters.requestNames.access',
  correction: 'letters.requestNames.correction',
  blocking: 'letters.requestNames.blocking',
  'stop-processing': 'letters.requestNames.stop-processing',
};
